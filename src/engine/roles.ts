/**
 * What a label or column header says a figure is: revenue, cost, profit, margin, users, price.
 * Rules that bind economics (margin, profit, revenue, cost per user) ask here.
 */
import { memoize } from './memo';
import { WordList, COST_WORDS, LOSS_WORDS, MARGIN_WORDS, PROFIT_WORDS, REVENUE_WORDS, containsWord, normalizeLabel, wordsOf } from './vocabulary';

export type Role = 'revenue' | 'take' | 'price' | 'cost' | 'profit' | 'loss' | 'margin' | 'users' | 'paying' | 'arpu' | 'per-user';

const PRICE_WORDS = new WordList(['price', 'pricing', 'plan price', 'monthly price', 'precio', 'preço', 'prix', 'preis', 'prezzo', 'cena', 'fiyat', 'цена', 'harga', 'giá', '価格', '价格', '가격', 'tarif', 'tariff']);
const USER_WORDS = new WordList(['users', 'user count', 'active users', 'total users', 'mau', 'dau', 'customers', 'subscribers', 'accounts', 'seats', 'usuarios', 'usuários', 'utilisateurs', 'nutzer', 'utenti', 'użytkownicy', 'kullanıcı', 'пользователи', 'pengguna', 'người dùng', 'ユーザー数', '用户数', '사용자']);
const PAYING_WORDS = new WordList(['paying users', 'paid users', 'paying customers', 'paid customers', 'paying', 'pro users', 'premium users', 'subscribers']);
const ARPU_WORDS = new WordList(['arpu', 'arpa', 'average revenue per user', 'average revenue per account', 'revenue per user', 'revenue per customer']);
/**
 * A marketplace's take is the operator's revenue (`Platform keeps 30%`, `our commission`), and so
 * is revenue net of fees and taxes (`Net revenue`, `Net Gelir`, `Przychód netto`, `純売上`).
 */
const TAKE_WORDS = new WordList(['keeps', 'platform keeps', 'we keep', 'our share', 'our cut', 'take', 'take rate', 'commission', 'platform fee', 'platform revenue', 'net revenue', 'net sales', 'ingresos netos', 'ingreso neto', 'ventas netas', 'receita líquida', 'receitas líquidas', 'revenu net', 'revenus nets', "chiffre d'affaires net", 'nettoumsatz', 'nettoerlös', 'nettoerlöse', 'ricavi netti', 'ricavo netto', 'fatturato netto', 'przychód netto', 'przychody netto', 'net gelir', 'net satış', 'net satışlar', 'чистая выручка', 'чистый доход', 'pendapatan bersih', 'doanh thu thuần', '純売上', '純売上高', '純収益', '净收入', '净营收', '净收益', '순매출', '순매출액', 'comisión', 'comissão', 'commissione', 'provision', 'prowizja', 'komisyon', 'комиссия', 'komisi', 'hoa hồng', '手数料', '佣金', '수수료']);

/** The role a label or header names, if one. Margin before profit (`profit margin`), per user first. */
export const roleOf: (label: string) => Role | undefined = memoize((label: string): Role | undefined => {
  const n = normalizeLabel(label).replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (n === '') return undefined;
  const words = wordsOf(n);
  const has = (list: WordList): boolean => list.findIn(n, words) !== undefined;
  if (has(ARPU_WORDS)) return 'arpu';
  if (/\bper (?:user|customer|seat|member|paying user)\b|\/user\b|\bpor usuario\b|\bpro nutzer\b|\bpar utilisateur\b/.test(n)) return 'per-user';
  if (has(MARGIN_WORDS)) return 'margin';
  // What is left after costs or taxes (`After all costs & taxes`, `After tax (25%)`) is a profit.
  if (/^(?:after|net of|after all)\b/.test(n) && (has(COST_WORDS) || /\b(?:tax|taxes|fees)\b/.test(n))) return 'profit';
  if (has(PAYING_WORDS)) return 'paying';
  if (has(PROFIT_WORDS) && !has(COST_WORDS)) return 'profit';
  if (has(LOSS_WORDS)) return 'loss';
  if (has(TAKE_WORDS)) return 'take';
  if (has(REVENUE_WORDS)) return 'revenue';
  if (has(PRICE_WORDS)) return 'price';
  if (has(COST_WORDS) || containsWord(n, 'infrastructure') || containsWord(n, 'infra')) return 'cost';
  if (has(USER_WORDS)) return 'users';
  return undefined;
});
