// Turns the daemon's argv (plus -config_file and the environment) into a SyncerConfig, or into the
// reason it cannot: every problem names the flag, and the caller exits with code 2 as Go's flag package
// does for a bad command line.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type ConfigEntry, ConfigFileError, readConfigFile } from './config-file.js';
import { defaultFlagValues, FLAGS, type FlagSpec, findFlag } from './flag-table.js';
import type { FlagValue } from './flag-values.js';
import { normaliseGoStyleArgs } from './go-style-args.js';
import { buildSyncerConfig, ConfigError, type SyncerConfig } from './syncer-config.js';

export const API_TOKEN_ENV = 'CCR_SYNCER_API_TOKEN';
export const METRICS_TOKEN_ENV = 'CCR_SYNCER_METRICS_TOKEN';
export const USAGE_EXIT_CODE = 2;

export type CommandLineOutcome =
  | { readonly kind: 'run'; readonly config: SyncerConfig; readonly notices: readonly string[] }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

function commanderOption(spec: FlagSpec): Option {
  // Booleans take an optional value so that Go's `-daemon=false` works; bare `-daemon` means true.
  const option = new Option(spec.boolean ? `--${spec.name} [bool]` : `--${spec.name} <value>`, spec.help);
  option.argParser((text: string) => {
    try {
      return spec.parse(text);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  });
  option.default(spec.defaultValue, spec.defaultText);
  if (spec.noEffect) option.hideHelp();
  return option;
}

function buildProgram(output: { out: string; err: string }): Command {
  const program = new Command()
    .name('ccr-syncer')
    .description(
      'Cross cluster replication daemon for Apache Doris. Flags use Go syntax (-name=value) or GNU syntax (--name value).\n' +
        'Commands: `ccr-syncer rotate-key --help` (re-encrypt stored passwords with a new key), ' +
        "`ccr-syncer import-go-meta` (copy a Go syncer's jobs).",
    )
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false)
    .allowUnknownOption(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => {
        output.out += text;
      },
      writeErr: (text) => {
        output.err += text;
      },
    });
  for (const spec of FLAGS) program.addOption(commanderOption(spec));
  return program;
}

function applyConfigEntries(
  values: Record<string, FlagValue>,
  entries: readonly ConfigEntry[],
  path: string,
) {
  for (const entry of entries) {
    if (entry.key === 'config_file') continue; // as in Go: a config file cannot name another one
    const spec = findFlag(entry.key);
    const where = `config file ${path} line ${entry.line}`;
    if (!spec) throw new ConfigFileError(`${where}: unknown flag '${entry.key}'`);
    try {
      values[spec.name] = spec.parse(entry.value);
    } catch (error) {
      throw new ConfigFileError(
        `${where}: invalid value '${entry.value}' for flag -${spec.name}: ${(error as Error).message}`,
      );
    }
  }
}

function noticesFor(values: Record<string, FlagValue>): string[] {
  return FLAGS.filter((spec) => spec.noEffect && values[spec.name] !== spec.defaultValue).map(
    (spec) => `flag -${spec.name} has no effect: ${spec.noEffect}`,
  );
}

function describeCommanderError(error: CommanderError): string {
  const message = error.message.replace(/^error: /, '');
  if (error.code === 'commander.unknownOption') {
    // Never echo the value of a mistyped flag: it may be a password (--db_pasword=…).
    return message.replace(/'(-[^'=]*)=[^']*'/, "'$1'").replace(/^unknown option/, 'unknown flag');
  }
  if (error.code === 'commander.excessArguments') {
    return `${message} Flags start with - or --; Go-style booleans need -flag=false, not -flag false.`;
  }
  return message;
}

export function parseCommandLine(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): CommandLineOutcome {
  const output = { out: '', err: '' };
  const program = buildProgram(output);
  const args = normaliseGoStyleArgs(argv, (name) => {
    const spec = findFlag(name);
    return spec === undefined ? undefined : !spec.boolean;
  });
  try {
    program.parse(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') {
        return { kind: 'help', text: output.out };
      }
      return { kind: 'error', message: describeCommanderError(error) };
    }
    throw error;
  }
  const values = { ...defaultFlagValues(), ...(program.opts() as Record<string, FlagValue>) };
  if (values.version === true) return { kind: 'version' };
  try {
    const configFile = values.config_file;
    if (typeof configFile === 'string' && configFile !== '') {
      applyConfigEntries(values, readConfigFile(configFile), configFile);
    }
    // A token on the command line is visible in `ps`; the environment is the safer place for it.
    if (values.api_token === '' && env[API_TOKEN_ENV]) values.api_token = env[API_TOKEN_ENV];
    if (values.metrics_token === '' && env[METRICS_TOKEN_ENV]) values.metrics_token = env[METRICS_TOKEN_ENV];
    return { kind: 'run', config: buildSyncerConfig(values, cwd), notices: noticesFor(values) };
  } catch (error) {
    if (error instanceof ConfigFileError || error instanceof ConfigError) {
      return { kind: 'error', message: error.message };
    }
    throw error;
  }
}
