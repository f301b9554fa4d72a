import { CommanderError, type Command, type Help, type Option } from 'commander';
import { errorMessage, t, type Lang } from '../i18n/index.js';

/**
 * The language of a run: `--lang` when given, else the environment's (LC_ALL, then LC_MESSAGES,
 * then LANG, as POSIX orders them) when it starts with `en`, else Chinese. Read before commander
 * parses anything, so its help and its errors are in that language too.
 */
export function langOf(argv: string[], env: Record<string, string | undefined> = {}): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i >= 0) {
    const v = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
    return v === 'en' ? 'en' : 'zh';
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(locale) ? 'en' : 'zh';
}

/** A help text in the run's language (section help of the i18n tables). */
export function helpText(lang: Lang, key: string, data: Record<string, string | number> = {}): string {
  return t(lang, 'help', key, data);
}

const TITLES: Record<string, string> = {
  'Usage:': 'usage',
  'Options:': 'options',
  'Commands:': 'commands',
  'Arguments:': 'arguments',
  'Global Options:': 'globalOptions',
};

/**
 * commander's help in the run's language: its headings (styleTitle is called with each English
 * heading), the help option and command, and the (default, choices) after an option, which
 * commander writes in English.
 */
export function localiseHelp(cmd: Command, lang: Lang): Command {
  cmd.helpOption('-h, --help', helpText(lang, 'help'));
  cmd.configureHelp({
    styleTitle: (s: string) => (TITLES[s] ? helpText(lang, TITLES[s]) : s),
    optionDescription: (option: Option) => optionDescription(option, lang),
  } as Partial<Help>);
  return cmd;
}

function optionDescription(option: Option, lang: Lang): string {
  const extra: string[] = [];
  if (option.argChoices && !option.hidden) extra.push(helpText(lang, 'choices', { values: option.argChoices.join(', ') }));
  // Booleans and negations (--no-out) show no default, as commander does.
  if (option.defaultValue !== undefined && (option.required || option.optional)) {
    extra.push(helpText(lang, 'default', { value: option.defaultValueDescription ?? String(option.defaultValue) }));
  }
  if (!extra.length) return option.description;
  return lang === 'zh' ? `${option.description}（${extra.join('；')}）` : `${option.description} (${extra.join(', ')})`;
}

/** The quoted parts of commander's English message ('--year <yyyy>', 'xml'), in order. */
function quoted(s: string): string[] {
  return [...s.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

/** An option as a person types it: `--format` for commander's `-f, --format <format>`. */
function flag(s: string | undefined): string {
  return /--[\w-]+/.exec(s ?? '')?.[0] ?? s ?? '';
}

/**
 * commander's error as the tool's own sentence in the run's language (commander writes English;
 * its output of errors is turned off and this is said instead). The option and the value are read
 * from commander's message, which names them in quotes.
 */
export function commanderErrorText(e: CommanderError, lang: Lang): string {
  const q = quoted(e.message);
  switch (e.code) {
    case 'commander.unknownOption': {
      const suggestion = /Did you mean (\S+?)\?/.exec(e.message)?.[1];
      return suggestion ? errorMessage(lang, 'cli.unknownOptionSuggest', { flag: q[0] ?? '', suggestion }) : errorMessage(lang, 'cli.unknownOption', { flag: q[0] ?? '' });
    }
    case 'commander.invalidArgument': {
      const allowed = /Allowed choices are (.*)\.$/.exec(e.message.trim())?.[1] ?? '';
      return errorMessage(lang, 'cli.invalidChoice', { option: flag(q[0]), value: q[1] ?? '', allowed });
    }
    case 'commander.missingArgument':
      return q[0] === 'inputs' ? errorMessage(lang, 'cli.missingInputs', {}) : errorMessage(lang, 'cli.missingArgument', { name: q[0] ?? '' });
    case 'commander.optionMissingArgument':
      return errorMessage(lang, 'cli.optionMissingArgument', { option: flag(q[0]) });
    case 'commander.unknownCommand':
      return errorMessage(lang, 'cli.unknownCommand', { name: q[0] ?? '' });
    case 'commander.excessArguments':
      return errorMessage(lang, 'cli.excessArguments', { args: /but got (\d+)/.exec(e.message)?.[1] ?? '' });
    case 'commander.conflictingOption':
      return errorMessage(lang, 'cli.conflictingOption', { a: flag(q[0]), b: flag(q[1]) });
    default:
      return errorMessage(lang, 'cli.other', { detail: e.message.replace(/^error: /, '') });
  }
}
