import { Help, type Command, type CommanderError, type Option } from 'commander';
import stringWidth from 'string-width';
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
    // Columns line up by what a terminal shows: a Chinese character takes two columns.
    displayWidth: (str: string) => stringWidth(str),
    boxWrap: (str: string, width: number) => wrap(str, width),
    // commander's usage line and command list say [options] and [command] in English.
    commandUsage: (c: Command) => placeholders(Help.prototype.commandUsage.call(new Help(), c), lang),
    subcommandTerm: (c: Command) => placeholders(Help.prototype.subcommandTerm.call(new Help(), c), lang),
  } as Partial<Help>);
  return cmd;
}

/** CJK characters and punctuation: a line may break before any of them (closing punctuation stays with what it closes), as Chinese text has no spaces. */
const CHUNK = /\s*(?:[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+)[）)，。；：、]*/g;

/** commander's boxWrap (words kept whole, a line's leading space dropped), breaking between CJK characters too. */
function wrap(str: string, width: number): string {
  if (width < 40) return str;
  const out: string[] = [];
  for (const line of str.split(/\r\n|\n/)) {
    const chunks = line.match(CHUNK);
    if (!chunks) {
      out.push('');
      continue;
    }
    let current = chunks[0]!;
    let w = stringWidth(current);
    for (const chunk of chunks.slice(1)) {
      const cw = stringWidth(chunk);
      if (w + cw <= width) {
        current += chunk;
        w += cw;
      } else {
        out.push(current);
        current = chunk.trimStart();
        w = stringWidth(current);
      }
    }
    out.push(current);
  }
  return out.join('\n');
}

function placeholders(usage: string, lang: Lang): string {
  return usage.replace('[options]', helpText(lang, 'optionsWord')).replace('[command]', helpText(lang, 'commandWord'));
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
