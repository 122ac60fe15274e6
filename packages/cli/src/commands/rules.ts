import {
  InputError,
  loadCostModel,
  mineRules,
  queryRules,
  readBasketFile,
  rulesReport,
  rulesTable,
  RULE_MEASURES,
  type RuleMeasure,
} from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import { cliTable, tableJson } from '../report-table-output.js';
import { openSource } from '../source.js';
import { catalogOf, numberFlag, RULE_FLAGS, ruleFlagsOf } from './expansion-flags.js';

const RULES_OPTIONS: OptionSpecs = {
  baskets: { type: 'string' },
  level: { type: 'string' },
  products: { type: 'string' },
  'category-col': { type: 'string' },
  item: { type: 'string' },
  side: { type: 'string' },
  sort: { type: 'string' },
  limit: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'max-consequent': { type: 'string' },
};

/** `cvm rules LOG|--workspace DIR|--baskets FILE`: association rules by FP-growth. */
export async function rulesCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, RULE_FLAGS, RULES_OPTIONS);
  if (values.help) return ctx.help('rules');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const sortBy = (stringOf(values.sort) ?? 'lift') as RuleMeasure;
  if (!RULE_MEASURES.includes(sortBy))
    throw new InputError('bad_usage', `--sort must be one of ${RULE_MEASURES.join(', ')}; got "${sortBy}"`, {});
  const side = stringOf(values.side) ?? 'any';
  if (!['any', 'antecedent', 'consequent'].includes(side))
    throw new InputError('bad_usage', `--side must be any, antecedent or consequent; got "${side}"`, {});
  const level = stringOf(values.level) ?? 'product';
  if (level !== 'product' && level !== 'category')
    throw new InputError('bad_usage', `--level must be product or category; got "${level}"`, {});
  const query = { item: stringOf(values.item), side: side as 'any', sortBy, limit: numberFlag(values, 'limit', 0, 1e9, true) };
  const mine = { ...ruleFlagsOf(values), maxConsequentLength: numberFlag(values, 'max-consequent', 1, 10, true) };
  const basketFile = stringOf(values.baskets);
  let table, text: string[], json: Record<string, unknown>, currency: string | undefined;
  if (basketFile !== undefined) {
    if (positionals.length > 0 || values.workspace !== undefined)
      throw new InputError('bad_usage', '--baskets FILE reads baskets directly: give no log FILE or --workspace with it', {});
    const baskets = await readBasketFile(basketFile);
    const { itemsets, rules } = mineRules(baskets, mine);
    table = rulesTable(rules, queryRules(rules, query));
    text = [
      `cvm rules: ${basketFile}, ${(baskets.offsets.length - 1).toLocaleString('en-US')} baskets, ${baskets.items.length.toLocaleString('en-US')} items, ${itemsets.counts.length.toLocaleString('en-US')} frequent itemsets`,
    ];
    json = {
      source: basketFile,
      baskets: baskets.offsets.length - 1,
      items: baskets.items.length,
      itemsets: itemsets.counts.length,
      rules: rules.length,
      table: tableJson(table),
    };
  } else {
    const costsFile = stringOf(values.costs);
    const costModel = costsFile === undefined ? null : await loadCostModel(costsFile);
    currency = costModel?.currency;
    const progress = ctx.progress(format === 'table');
    const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress);
    try {
      progress.stage('baskets and rules');
      // categories from --products, else from the log file's own category column
      const catalog = await catalogOf(engine, values, positionals, level === 'category');
      const r = await rulesReport(engine, {
        ...mine,
        ...query,
        level,
        catalog,
        from: stringOf(values.from),
        to: stringOf(values.to),
        costModel,
      });
      progress.done();
      table = r.table;
      text = [
        `cvm rules: ${r.baskets.toLocaleString('en-US')} baskets (${r.facts.basketsBy === 'customer-day' ? 'customer-days: the log has no order id' : 'orders'}), ${r.items.toLocaleString('en-US')} ${level === 'category' ? 'categories' : 'products'}, ${r.itemsets.toLocaleString('en-US')} frequent itemsets`,
        ...r.warnings.map((w) => `note: ${w}`),
      ];
      json = {
        level,
        baskets: r.baskets,
        items: r.items,
        facts: r.facts,
        itemsets: r.itemsets,
        rules: r.rules.length,
        warnings: r.warnings,
        table: tableJson(table),
      };
    } finally {
      await engine.close();
    }
  }
  ctx.print({ text, tables: [cliTable(table, format, currency)], json, maxTableRows: 40 }, format);
  return 0;
}
