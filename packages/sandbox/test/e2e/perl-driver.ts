// A second, independent MySQL driver for the tests: Perl's DBD::MariaDB (Debian's libdbd-mariadb-perl, on
// libmariadb, installed by .ci/run). With mariadb_server_prepare=1 every statement goes through
// COM_STMT_PREPARE / COM_STMT_EXECUTE and rows come back in the binary protocol, decoded by libmariadb.
import { run } from './cli-client.js';

/** A parameter and the DBI SQL type it is bound with (undefined: DBD's default, a string). */
export type PerlParam = readonly [value: string | number | null, sqlType?: number];

/** DBI's SQL type codes used by the tests. */
export const SqlType = { INTEGER: 4, BIGINT: -5, DOUBLE: 8, DECIMAL: 3, VARCHAR: 12 } as const;

export interface PerlStep {
  readonly sql: string;
  readonly params?: readonly PerlParam[];
  /** Prepare once and execute with each of these parameter lists (instead of `params`). */
  readonly executions?: readonly (readonly PerlParam[])[];
}

export type PerlResult =
  | { readonly error: string; readonly err: number; readonly state: string }
  | { readonly affected: number; readonly info: string | null }
  | {
      readonly names: string[];
      /** MySQL column types as libmariadb reported them. */
      readonly types: number[];
      readonly rows: Array<Array<string | null>>;
    };

// Reads the steps as JSON on stdin and prints one result per execution as JSON. Perl strings are decoded
// from and encoded to UTF-8 at the edges; DBD::MariaDB speaks UTF-8 to the server.
const SCRIPT = String.raw`
use strict; use warnings;
use DBI; use JSON::PP;
my $json = JSON::PP->new->utf8->canonical;
my $spec = $json->decode(do { local $/; <STDIN> });
my $dbh = DBI->connect("DBI:MariaDB:host=127.0.0.1;port=$spec->{port};mariadb_server_prepare=1",
  "root", "", { RaiseError => 0, PrintError => 0, AutoCommit => 1 }) or die $DBI::errstr;
my @out;
for my $step (@{ $spec->{steps} }) {
  my $sth = $dbh->prepare($step->{sql});
  if (!$sth) { push @out, { error => $dbh->errstr, err => $dbh->err + 0, state => $dbh->state }; next; }
  for my $params (@{ $step->{executions} }) {
    my $i = 0;
    for my $p (@$params) { $i++; $sth->bind_param($i, $p->[0], defined $p->[1] ? { TYPE => $p->[1] } : undef); }
    my $rv = $sth->execute;
    if (!defined $rv) { push @out, { error => $sth->errstr, err => $sth->err + 0, state => $sth->state }; next; }
    if ($sth->{NUM_OF_FIELDS}) {
      # Every value as Perl's text of it, so that 64-bit integers survive JSON.
      my $rows = [ map { [ map { defined $_ ? "$_" : undef } @$_ ] } @{ $sth->fetchall_arrayref } ];
      push @out, { names => $sth->{NAME}, types => $sth->{mariadb_type}, rows => $rows };
    } else {
      push @out, { affected => $rv + 0, info => $dbh->{mariadb_info} };
    }
  }
}
print $json->encode(\@out);
`;

export async function runPerlSteps(port: number, steps: readonly PerlStep[]): Promise<PerlResult[]> {
  const spec = {
    port,
    steps: steps.map((s) => ({ sql: s.sql, executions: s.executions ?? [s.params ?? []] })),
  };
  const result = await run('perl', ['-e', SCRIPT], JSON.stringify(spec));
  if (result.code !== 0) throw new Error(`perl failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as PerlResult[];
}
