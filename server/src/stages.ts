/**
 * The adapter between the engine's stage model (`stageModel`) and the editor features' stage
 * views. Stage lenses, stage-card hovers and stage symbols read only `StagePlan`; this file is
 * the one place that knows the stage model's shape.
 */
import { stageModel, type Finding, type PlanModel, type ProjectedFigure, type StageModel } from '../../src/engine';
import type { CheckedFigure, GrowthView, StagePlan, StageProjection, StageView } from '../../src/engine/features';

/** The stages of a model, as the features see them; `findings` mark inconsistent figures. */
export function stagePlan(model: PlanModel, findings: readonly Finding[] = []): StagePlan {
  return fromStageModel(stageModel(model), findings);
}

/** The value a finding on exactly `span` computes, if one does. */
function checkedValue(byspan: Map<string, Finding>, f: ProjectedFigure): number | undefined {
  if (f.source !== 'stated' || !f.span) return undefined;
  const expected = byspan.get(`${f.span.start}:${f.span.end}`)?.data?.expected;
  return typeof expected === 'number' && Number.isFinite(expected) ? expected : undefined;
}

export function fromStageModel(sm: StageModel, findings: readonly Finding[] = []): StagePlan {
  const byspan = new Map<string, Finding>();
  for (const f of findings) if (f.severity === 'error' || f.severity === 'warning') byspan.set(`${f.span.start}:${f.span.end}`, f);
  const byKey = new Map(sm.stages.map((s) => [s.key, s]));
  const stages: StageView[] = [];
  for (const p of sm.projections) {
    const stage = byKey.get(p.key);
    const view: StageView = { id: p.key, label: p.label, span: p.span, line: p.line, low: p.users.low, open: p.users.open };
    if (p.users.high !== undefined) view.high = p.users.high;
    if (p.word) view.word = p.word;
    if (p.number !== undefined) view.number = p.number;
    if (p.name) view.name = p.name;
    const projection: StageProjection = {};
    const at = p.at;
    const put = (key: CheckedFigure, f: ProjectedFigure | undefined): void => {
      if (!f || !Number.isFinite(f.value)) return;
      projection[key] = f.value;
      const checked = checkedValue(byspan, f);
      if (checked !== undefined) (projection.checks ??= {})[key] = checked;
    };
    if (at) {
      projection.users = at.users;
      put('cost', at.cost);
      put('costPerUser', at.costPerUser);
      put('revenue', at.revenue);
      put('margin', at.margin);
      put('profit', at.profit);
    }
    if (p.budget && Number.isFinite(p.budget.value)) projection.budget = p.budget.high !== undefined ? { low: p.budget.value, high: p.budget.high } : { low: p.budget.value };
    const uptime = p.uptime?.value ?? p.downtime?.uptime;
    if (uptime !== undefined && Number.isFinite(uptime)) projection.uptime = uptime;
    if (p.downtime && Number.isFinite(p.downtime.perMonth)) projection.downtimeMinutes = p.downtime.perMonth;
    if (Object.keys(projection).length > 0) view.projection = projection;
    if (stage) view.mentions = stage.mentions.filter((m) => m !== stage.definition).map((m) => m.span);
    stages.push(view);
  }
  const plan: StagePlan = { stages };
  const g = sm.growth;
  if (g.line !== undefined && g.span) {
    const growth: GrowthView = {
      line: g.line,
      span: g.span,
      thresholds: g.thresholds.map((t) => ({ users: t.users, month: t.month, label: t.label })),
      implied: g.implied.map((i) => ({ label: i.label, from: i.from, to: i.to, months: i.months, monthlyGrowth: i.monthlyGrowth })),
    };
    if (g.rate) growth.rate = g.rate.value;
    if (g.startUsers) growth.startUsers = g.startUsers.value;
    plan.growth = growth;
  }
  return plan;
}
