// The files under deploy/ an operator copies: the Prometheus alert rules and scrape job parse (YAML, and
// every expression with Prometheus's own PromQL grammar), the Grafana dashboard is JSON whose queries
// parse too, and every metric they name is served by /metrics of a running ccr-syncer daemon.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parser } from '@prometheus-io/lezer-promql';
import { parse as parseYaml } from 'yaml';
import {
  PACKAGE_ROOT,
  type Running,
  SYNCER_BIN,
  start,
  startServing,
  tempDir,
} from '../cli/process-helpers.js';

const DEPLOY = join(PACKAGE_ROOT, '..', '..', 'deploy');

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Metric names an expression selects; throws with the position of a syntax error. */
function metricsOf(expr: string): string[] {
  const tree = parser.parse(expr);
  const names: string[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) throw new Error(`PromQL syntax error at ${node.from} in: ${expr}`);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector')
        names.push(expr.slice(node.from, node.to));
    },
  });
  return names;
}

/** A histogram's series are served under its base name. */
const baseName = (name: string) => name.replace(/_(bucket|sum|count)$/, '');

describe('deploy/: alert rules and Grafana dashboard', () => {
  const rulesFile = join(DEPLOY, 'prometheus', 'ccr-syncer-alerts.yml');
  const rules = (
    parseYaml(readFileSync(rulesFile, 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> }
  ).groups.flatMap((g) => g.rules);
  const dashboard = JSON.parse(
    readFileSync(join(DEPLOY, 'grafana', 'ccr-syncer-dashboard.json'), 'utf8'),
  ) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const dashboardExprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
  let daemon: { port: number; process: Running } | undefined;

  before(async () => {
    const dir = tempDir('ccr-deploy');
    daemon = await startServing((port) =>
      start(process.execPath, [
        SYNCER_BIN,
        `--port=${port}`,
        `--db_dir=${join(dir, 'ccr.db')}`,
        '--log_level=warn',
      ]),
    );
  });
  after(() => {
    daemon?.process.child.kill('SIGKILL');
  });

  it('the rules are well-formed alerts: a name, a PromQL expression that parses, a severity and a summary', () => {
    const names = new Set<string>();
    for (const rule of rules) {
      assert.ok(rule.alert && !names.has(rule.alert), `alert name ${rule.alert}`);
      names.add(rule.alert);
      assert.ok(rule.expr, `${rule.alert}: expr`);
      assert.ok(metricsOf(rule.expr).length > 0, `${rule.alert} names a metric`);
      assert.ok(
        ['info', 'warning', 'critical'].includes(rule.labels?.severity ?? ''),
        `${rule.alert}: severity`,
      );
      assert.ok(rule.annotations?.summary, `${rule.alert}: summary`);
      if (rule.for !== undefined) assert.match(rule.for, /^\d+[smh]$/, `${rule.alert}: for`);
    }
    for (const topic of ['Lagging', 'Runway', 'Stalled', 'Failing', 'TakenOver'])
      assert.ok(
        [...names].some((n) => n.includes(topic)),
        `an alert on ${topic}`,
      );
    const scrape = parseYaml(readFileSync(join(DEPLOY, 'prometheus', 'prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: Array<{ honor_labels?: boolean }>;
    };
    assert.deepEqual(scrape.rule_files, ['ccr-syncer-alerts.yml']);
    assert.equal(scrape.scrape_configs[0]?.honor_labels, true, 'the CCR job name stays in `job`');
  });

  it('the dashboard’s queries parse', () => {
    assert.ok(dashboardExprs.length >= 10);
    for (const expr of dashboardExprs) assert.ok(metricsOf(expr.replaceAll('$job', 'x')).length > 0, expr);
  });

  it('the daemon’s /openapi.json lists paths it serves, and every JSON endpoint it serves', async () => {
    const base = `http://127.0.0.1:${daemon!.port}`;
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const paths = Object.keys(doc.paths);
    assert.ok(paths.includes('/job_events') && paths.includes('/get_lag'), paths.join());
    for (const path of paths) {
      const r = await fetch(`${base}${path}`, { method: 'POST', body: '{}' });
      await r.text();
      assert.notEqual(r.status, 404, `${path} is served`);
    }
    const unknown = await fetch(`${base}/no_such_endpoint`, { method: 'POST', body: '{}' });
    await unknown.text();
    assert.equal(unknown.status, 404, 'and the check can tell');
  });

  it('every metric the rules and the dashboard name is served by a running daemon', async () => {
    const text = await (await fetch(`http://127.0.0.1:${daemon!.port}/metrics`)).text();
    const served = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
    const named = new Set(
      [...rules.map((r) => r.expr!), ...dashboardExprs.map((e) => e.replaceAll('$job', 'x'))]
        .flatMap(metricsOf)
        .map(baseName),
    );
    const missing = [...named].filter((n) => !served.has(n));
    assert.deepEqual(missing, [], `served: ${[...served].join(', ')}`);
    for (const name of [
      'ccr_job_lag_seconds',
      'ccr_job_runway_seconds',
      'ccr_job_stalled',
      'ccr_job_takeovers_total',
    ])
      assert.ok(named.has(name), `${name} is used`);
  });
});
