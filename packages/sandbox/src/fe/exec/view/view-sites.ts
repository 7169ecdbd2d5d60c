// Where Doris's CREATE VIEW rewrites the query text, in source order. Nereids keeps the SELECT as written and
// only replaces, at their positions: table names by `internal`.`db`.`tbl`, column references by the
// qualifier of the slot they bind to plus the column's real name (`internal`.`db`.`tbl`.`col` for a base
// table, `internal`.`db`.`alias`.`col` for an aliased one, `sub`.`col` for a subquery's computed column),
// `*` by the list of those columns, and aliases by their back-quoted spelling. This walks the AST in the
// order its parts appear in the text and says what each site becomes; apply-sites.ts finds them in the
// tokens.
import type { Expression, SelectStatement, TableRef } from '../../sql/index.js';
import { assertNever, childExpressions } from '../../sql/index.js';

export type Site =
  /** A dotted name (table or column reference); `replacement` undefined leaves it as written. */
  | { readonly kind: 'name'; readonly parts: readonly string[]; readonly replacement: string | undefined }
  | { readonly kind: 'alias'; readonly name: string; readonly replacement: string }
  | { readonly kind: 'star'; readonly qualifier: readonly string[]; readonly replacement: string };

/** What the rewrite needs to know about the catalog. */
export interface SiteCatalog {
  /** The database a table name resolves to and its columns' real names, or undefined if it does not exist. */
  columnsOf(
    database: string | undefined,
    table: string,
  ): { db: string; columns: readonly string[] } | undefined;
  /** The output column names of a subquery in FROM, as the query engine names them. */
  outputNames(query: SelectStatement): readonly string[];
}

interface ScopeColumn {
  readonly name: string;
  /** The slot's qualifier as Nereids prints it. */
  readonly qualifier: readonly string[];
  /** The name a qualified reference must use (`t` in `t.col`): the alias or the table name. */
  readonly match: string | undefined;
}

type Scope = readonly ScopeColumn[];

export function backquote(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

function render(c: ScopeColumn): string {
  return [...c.qualifier, c.name].map(backquote).join('.');
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** A subquery alias replaces the last qualifier part of passed-through slots; computed slots get [alias]. */
function requalify(qualifier: readonly string[], alias: string | undefined): readonly string[] {
  if (alias === undefined) return [];
  return qualifier.length > 0 ? [...qualifier.slice(0, -1), alias] : [alias];
}

export class SiteCollector {
  constructor(private readonly catalog: SiteCatalog) {}

  /** Sites of a whole SELECT, plus the qualifier of each output column (for an enclosing subquery alias). */
  select(
    stmt: SelectStatement,
    outer: readonly Scope[],
  ): { sites: Site[]; outputs: Array<readonly string[]> } {
    const from = this.fromClause(stmt.from);
    const chain = [from.scope, ...outer];
    const itemSites: Site[] = [];
    const outputs: Array<readonly string[]> = [];
    for (const item of stmt.items) {
      if (item.kind === 'StarSelectItem') {
        const table = item.qualifier[item.qualifier.length - 1];
        const columns = from.scope.filter(
          (c) => table === undefined || (c.match !== undefined && same(c.match, table)),
        );
        itemSites.push({
          kind: 'star',
          qualifier: item.qualifier,
          replacement: columns.map(render).join(', '),
        });
        for (const c of columns) outputs.push(c.qualifier);
        continue;
      }
      this.expression(item.expression, chain, itemSites);
      if (item.alias !== undefined) {
        itemSites.push({ kind: 'alias', name: item.alias, replacement: backquote(item.alias) });
        outputs.push([]);
      } else {
        const bound = item.expression.kind === 'ColumnRef' ? resolve(item.expression, chain) : undefined;
        outputs.push(bound?.qualifier ?? []);
      }
    }
    const rest: Site[] = [];
    if (stmt.where) this.expression(stmt.where, chain, rest);
    for (const g of stmt.groupBy) this.expression(g, chain, rest);
    if (stmt.having) this.expression(stmt.having, chain, rest);
    for (const o of stmt.orderBy) this.expression(o.expression, chain, rest);
    return { sites: [...itemSites, ...from.sites, ...rest], outputs };
  }

  private fromClause(refs: readonly TableRef[]): { sites: Site[]; scope: Scope } {
    const sites: Site[] = [];
    const scope: ScopeColumn[] = [];
    for (const ref of refs) {
      const part = this.tableRef(ref);
      sites.push(...part.sites);
      scope.push(...part.scope);
    }
    return { sites, scope };
  }

  private tableRef(ref: TableRef): { sites: Site[]; scope: Scope } {
    switch (ref.kind) {
      case 'NamedTableRef': {
        const parts = [ref.name.catalog, ref.name.database, ref.name.table].filter(
          (p): p is string => p !== undefined,
        );
        const found = this.catalog.columnsOf(ref.name.database, ref.name.table);
        const sites: Site[] = [
          {
            kind: 'name',
            parts,
            replacement: found ? ['internal', found.db, ref.name.table].map(backquote).join('.') : undefined,
          },
        ];
        if (ref.alias !== undefined)
          sites.push({ kind: 'alias', name: ref.alias, replacement: backquote(ref.alias) });
        const visible = ref.alias ?? ref.name.table;
        const qualifier = found ? ['internal', found.db, visible] : [visible];
        return { sites, scope: (found?.columns ?? []).map((name) => ({ name, qualifier, match: visible })) };
      }
      case 'SubqueryRef': {
        const inner = this.select(ref.query, []);
        const names = this.catalog.outputNames(ref.query);
        const sites: Site[] = [...inner.sites];
        if (ref.alias !== undefined)
          sites.push({ kind: 'alias', name: ref.alias, replacement: backquote(ref.alias) });
        const scope = names.map((name, i) => ({
          name,
          qualifier: requalify(inner.outputs[i] ?? [], ref.alias),
          match: ref.alias,
        }));
        return { sites, scope };
      }
      case 'JoinRef': {
        const left = this.tableRef(ref.left);
        const right = this.tableRef(ref.right);
        const scope = [...left.scope, ...right.scope];
        const sites = [...left.sites, ...right.sites];
        if (ref.on) this.expression(ref.on, [scope], sites);
        return { sites, scope };
      }
      case 'TableFunctionRef': {
        const sites: Site[] = [];
        for (const arg of ref.args) this.expression(arg, [], sites);
        if (ref.alias !== undefined)
          sites.push({ kind: 'alias', name: ref.alias, replacement: backquote(ref.alias) });
        return { sites, scope: [] };
      }
      default:
        return assertNever(ref, 'table reference');
    }
  }

  private expression(e: Expression, chain: readonly Scope[], out: Site[]): void {
    if (e.kind === 'ColumnRef') {
      const bound = resolve(e, chain);
      out.push({
        kind: 'name',
        parts: [...e.qualifier, e.name],
        replacement: bound ? render(bound) : undefined,
      });
      return;
    }
    // Children come in source order (operand, then list / pattern / arguments / branches).
    for (const child of childExpressions(e)) this.expression(child, chain, out);
    if (e.kind === 'InSubqueryExpression' || e.kind === 'ScalarSubquery' || e.kind === 'ExistsExpression') {
      out.push(...this.select(e.query, chain).sites);
    }
  }
}

/** The column a reference binds to: the innermost scope that has exactly one match wins. */
function resolve(
  ref: { qualifier: readonly string[]; name: string },
  chain: readonly Scope[],
): ScopeColumn | undefined {
  const table = ref.qualifier[ref.qualifier.length - 1];
  for (const scope of chain) {
    const found = scope.filter(
      (c) =>
        same(c.name, ref.name) && (table === undefined || (c.match !== undefined && same(c.match, table))),
    );
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return undefined;
}
