// Go's flag package takes `-name=value` and `-name value` with a single dash; commander only knows
// `--name`. This rewrites single-dash long flags to double-dash before commander sees them, leaving the
// values of value-taking flags untouched (a password may well start with "-").
const SINGLE_DASH_LONG = /^-[A-Za-z_][\w-]+(=.*)?$/s;

/** `takesValue(name)`: true when the flag needs a value (not a boolean), undefined when unknown. */
export function normaliseGoStyleArgs(
  argv: readonly string[],
  takesValue: (name: string) => boolean | undefined,
) {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i] as string;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (SINGLE_DASH_LONG.test(arg)) arg = `-${arg}`;
    out.push(arg);
    if (
      arg.startsWith('--') &&
      !arg.includes('=') &&
      takesValue(arg.slice(2)) === true &&
      i + 1 < argv.length
    ) {
      // The next argument is this flag's value, whatever it looks like (Go takes it verbatim too).
      i++;
      out.push(argv[i] as string);
    }
  }
  return out;
}
