import { claimAgrees } from '../compare';
import { econRecords, revenueBasisAt } from '../economics';
import type { AssumptionClaim } from '../model';
import { formatNumber, show } from '../quantity';
import { defineRule, input, money, type Derivation } from '../rule';
import type { Fix } from '../types';

const ID = 'revenue';

/** Revenue at N users = N × ARPU, or N × conversion × price, from the plan's assumptions. */
export default defineRule({
  meta: {
    id: ID,
    description: 'Revenue stated for a number of users must equal users × ARPU (or users × conversion × price) from the stated assumptions.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const made: { d: Derivation; arpu?: AssumptionClaim; conv?: AssumptionClaim; price?: AssumptionClaim; users: number }[] = [];
    for (const rec of econRecords(model)) {
      const rev = rec.revenue;
      if (!rev || !rec.users || rev.q.high !== undefined || rev.q.open) continue;
      const perYear = rev.q.per === 'year';
      if (rev.q.per !== undefined && rev.q.per !== 'month' && !perYear) continue;
      const n = rec.users.q.value;
      const factor = perYear ? 12 : 1;
      const basis = revenueBasisAt(model, rec.line);
      if (!basis) continue;
      if ('arpu' in basis) {
        const arpu = basis.arpu;
        const a = arpu.quantity?.per === 'year' ? arpu.value / 12 : arpu.value;
        made.push({
          arpu,
          users: n,
          d: {
            rule: ID,
            target: rev.q,
            label: rev.label,
            expected: [n * a * factor],
            formula: () => `${show(n)} users × ${money(a)}/month ARPU${perYear ? ' × 12' : ''}`,
            display: (v) => money(v, rev.q.per),
            related: [input(rec.users.q, 'users'), { span: arpu.span, message: 'ARPU assumption' }],
            fixVerb: 'Set revenue to',
          },
        });
        continue;
      }
      const { conversion: conv, price } = basis;
      made.push({
        conv,
        price,
        users: n,
        d: {
          rule: ID,
          target: rev.q,
          label: rev.label,
          expected: [n * conv.value * price.value * factor],
          formula: () => `${show(n)} users × ${show(conv.value * 100)}% × ${money(price.value)}${perYear ? ' × 12' : ''}`,
          display: (v) => money(v, rev.q.per),
          related: [
            input(rec.users.q, 'users'),
            { span: conv.span, message: 'conversion assumption' },
            { span: price.span, message: 'price assumption' },
          ],
          fixVerb: 'Set revenue to',
        },
      });
    }
    // Where one revenue figure is the only one resting on an ARPU stated in the text, changing
    // the ARPU is as plausible a fix as changing the revenue.
    for (const m of made) {
      const a = m.arpu;
      if (!a?.quantity || m.users <= 0) continue;
      const sharing = made.filter((o) => o.arpu === a).length;
      if (sharing !== 1) continue;
      const per = m.d.target.per === 'year' ? 12 : 1;
      const newArpu = m.d.target.value / per / m.users;
      const text = formatNumber(newArpu, { ...a.quantity.format, decimals: Number.isInteger(Math.round(newArpu * 100) / 100) && a.quantity.format.decimals === 0 ? 0 : 2 });
      const fix: Fix = { title: `Set ARPU to ${a.quantity.currency ?? '$'}${text}${a.quantity.per ? '/' + a.quantity.per : ''}`, edits: [{ span: a.quantity.numberSpan, newText: text }] };
      m.d.alternatives = [fix];
    }
    // Likewise the conversion or the price, when one revenue figure alone rests on them and the
    // value written in the assumption's own format gives that revenue back.
    for (const m of made) {
      const { conv, price } = m;
      if (!conv || !price || m.users <= 0) continue;
      if (made.filter((o) => o.conv === conv && o.price === price).length !== 1) continue;
      const target = m.d.target;
      const perMonth = target.value / (target.per === 'year' ? 12 : 1);
      const gives = (c: number, p: number): boolean => claimAgrees(target, [m.users * c * p * (target.per === 'year' ? 12 : 1)], model.options);
      const fixes: Fix[] = [];
      if (conv.quantity && price.value > 0) {
        const q = conv.quantity;
        const text = formatNumber((perMonth / (m.users * price.value)) * 100, { ...q.format, minus: '' });
        if (gives((Number(text.replace(/,/g, '')) * q.format.scale) / 100, price.value)) fixes.push({ title: `Set conversion to ${text}%`, edits: [{ span: q.numberSpan, newText: text }] });
      }
      if (price.quantity && conv.value > 0) {
        const q = price.quantity;
        // In the price's own format when that is exact enough, else with cents.
        const value = perMonth / (m.users * conv.value);
        const text = [q.format.decimals, Math.max(q.format.decimals, 2)]
          .map((decimals) => formatNumber(value, { ...q.format, decimals, minus: '' }))
          .find((t) => gives(conv.value, Number(t.replace(/,/g, '')) * q.format.scale));
        if (text) fixes.push({ title: `Set price to ${q.currency ?? '$'}${text}${q.per ? '/' + q.per : ''}`, edits: [{ span: q.numberSpan, newText: text }] });
      }
      if (fixes.length > 0) m.d.alternatives = fixes;
    }
    return made.map((m) => m.d);
  },
});
