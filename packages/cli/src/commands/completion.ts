/**
 * `opentok completion bash|zsh|fish`: completion scripts generated from the command tree, so
 * they never fall behind the commands.
 * @module
 */
import { Argument, type Command, Option } from 'commander';
import type { Action } from '../program.js';

/** What can follow one command: its subcommands, its options, and the choices of options. */
interface Node {
  path: string;
  subcommands: Array<{ name: string; description: string }>;
  /** Values an argument of the command may take. */
  values: string[];
  options: Array<{
    flags: string[];
    long: string | undefined;
    description: string;
    takesValue: boolean;
    choices: string[] | undefined;
  }>;
}

function walk(command: Command, path: string, inherited: readonly Option[], nodes: Node[]): void {
  const options = [...command.options, ...inherited].filter((option) => !option.hidden);
  nodes.push({
    path,
    subcommands: command.commands.map((child) => ({ name: child.name(), description: child.description() })),
    values: command.registeredArguments.flatMap((argument) => argument.argChoices ?? []),
    options: [...options, new Option('-h, --help', 'show help')].map((option) => ({
      flags: [option.long, option.short].filter((flag): flag is string => Boolean(flag)),
      long: option.long,
      description: option.description,
      takesValue: option.required || option.optional,
      choices: option.argChoices,
    })),
  });
  const global = path === '' ? command.options : inherited;
  for (const child of command.commands) walk(child, path ? `${path} ${child.name()}` : child.name(), global, nodes);
}

/** Every command path of the program, the root first. */
export function commandTree(program: Command): Node[] {
  const nodes: Node[] = [];
  walk(program, '', [], nodes);
  return nodes;
}

/** Options whose value is a folder. */
const FOLDER_OPTIONS = new Set(['--out']);

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The bash script (zsh uses it through bashcompinit). */
export function bashScript(program: Command): string {
  const nodes = commandTree(program);
  const words = nodes
    .map(({ path, subcommands, values, options }) => {
      const list = [...subcommands.map(({ name }) => name), ...values, ...options.flatMap(({ flags }) => flags)].join(
        ' ',
      );
      return `    ${quote(path)}) words=${quote(list)} ;;`;
    })
    .join('\n');
  const transitions = nodes
    .filter(({ path }) => path !== '')
    .map(({ path }) => quote(path))
    .join('|');
  const valueOptions = nodes.flatMap(({ path, options }) =>
    options.filter(({ takesValue }) => takesValue).map((option) => ({ path, ...option })),
  );
  // Choices complete as words, folders as folders; other values (keys, IDs, text) complete as nothing.
  const values = valueOptions
    .filter(({ choices, long }) => choices || FOLDER_OPTIONS.has(long ?? ''))
    .flatMap(({ path, flags, choices }) =>
      flags.map((flag) => {
        const words = choices ? `-W ${quote(choices.join(' '))}` : '-d';
        return `    ${quote(`${path}|${flag}`)}) COMPREPLY=($(compgen ${words} -- "$cur")); return ;;`;
      }),
    )
    .join('\n');
  const free = [...new Set(valueOptions.flatMap(({ flags }) => flags))].map((flag) => `*'|${flag}'`).join('|');
  return `# opentok completion for bash. Load it with: eval "$(opentok completion bash)"
# or save it as ~/.local/share/bash-completion/completions/opentok
_opentok() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" next word i words
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ $word == -* ]] && continue
    next="\${path:+$path }$word"
    case "$next" in
    ${transitions}) path="$next" ;;
    esac
  done
  case "$path|$prev" in
${values}
    ${free}) COMPREPLY=(); return ;;
  esac
  case "$path" in
${words}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _opentok opentok
`;
}

/** The zsh script: the bash one through zsh's bashcompinit. */
export function zshScript(program: Command): string {
  return `#compdef opentok
# opentok completion for zsh. Load it with: eval "$(opentok completion zsh)"
autoload -U +X bashcompinit && bashcompinit
${bashScript(program).replace(/^# opentok completion for bash.*\n.*\n/, '')}`;
}

/** The fish script. */
export function fishScript(program: Command): string {
  const nodes = commandTree(program);
  const lines = [
    '# opentok completion for fish. Load it with: opentok completion fish | source',
    '# or save it as ~/.config/fish/completions/opentok.fish',
    `set -g __opentok_commands ${nodes
      .filter(({ path }) => path !== '')
      .map(({ path }) => quote(path))
      .join(' ')}`,
    'function __opentok_path',
    '    set -l path ""',
    '    for word in (commandline -opc)[2..-1]',
    "        string match -q -- '-*' $word; and continue",
    '        set -l next (string trim -- "$path $word")',
    '        contains -- $next $__opentok_commands; and set path $next',
    '    end',
    '    echo $path',
    'end',
    'function __opentok_is',
    '    set -l path (__opentok_path)',
    '    test "$argv[1]" = "$path"',
    'end',
    'complete -c opentok -f',
  ];
  for (const { path, subcommands, values, options } of nodes) {
    const condition = `"__opentok_is '${path}'"`;
    if (values.length > 0) lines.push(`complete -c opentok -n ${condition} -a ${quote(values.join(' '))}`);
    for (const { name, description } of subcommands) {
      lines.push(`complete -c opentok -n ${condition} -a ${quote(name)} -d ${quote(description)}`);
    }
    for (const { long, flags, description, takesValue, choices } of options) {
      const short = flags.find((flag) => /^-\w$/.test(flag));
      const parts = ['complete -c opentok', `-n ${condition}`];
      if (long) parts.push(`-l ${long.slice(2)}`);
      if (short) parts.push(`-s ${short.slice(1)}`);
      if (choices) parts.push(`-x -a ${quote(choices.join(' '))}`);
      else if (takesValue && FOLDER_OPTIONS.has(long ?? '')) parts.push("-x -a '(__fish_complete_directories)'");
      else if (takesValue) parts.push('-x');
      parts.push(`-d ${quote(description)}`);
      lines.push(parts.join(' '));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Adds the completion command. */
export function registerCompletion(program: Command, action: Action): void {
  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      `
Examples:
  $ eval "$(opentok completion bash)"     # in ~/.bashrc
  $ eval "$(opentok completion zsh)"      # in ~/.zshrc
  $ opentok completion fish > ~/.config/fish/completions/opentok.fish`,
    )
    .action(
      action(async (context, shell: 'bash' | 'zsh' | 'fish') => {
        const script = { bash: bashScript, zsh: zshScript, fish: fishScript }[shell](program);
        if (context.json) context.printJson({ shell, script });
        else context.runtime.stdout.write(script);
      }),
    );
}
