/** The azl-playground command line: one entry, one subcommand per job, the same src/lib as the browser. */
import type { CliCommand, CliIo } from './io.ts';

const COMMANDS: Record<string, { run: () => Promise<CliCommand>; summary: string }> = {
  solve: { run: async () => (await import('./commands/solve.ts')).runSolveCommand, summary: 'resolve package specs and groups against rpm-md repositories' },
  config: {
    run: async () => (await import('./commands/config.ts')).runConfigCommand,
    summary: 'load an azldev project and print its resolved configuration (or one component) with provenance',
  },
  images: {
    run: async () => (await import('./commands/images.ts')).runImagesCommand,
    summary: "list a project's images (TOML [images.X] and top-level kickstarts), one name per line",
  },
  image: {
    run: async () => (await import('./commands/image.ts')).runImageCommand,
    summary: 'resolve one image of a project and write its manifest, SPDX, kickstart, KIWI fragment or NEVRA list',
  },
  check: {
    run: async () => (await import('./commands/check.ts')).runCheckCommand,
    summary: "check an image's declared capabilities against its resolved packages (exit 1 when a check fails), with the chain and a verified fix",
  },
  footprint: {
    run: async () => (await import('./commands/footprint.ts')).runFootprintCommand,
    summary: 'compare an image\'s package count and installed size with a baseline image, profile or earlier manifest',
  },
  deviations: {
    run: async () => (await import('./commands/deviations.ts')).runDeviationsCommand,
    summary: 'list every way a project departs from Fedora (overlays with metadata, pins, local specs, build options, skipped checks)',
  },
  pack: {
    run: async () => (await import('./commands/pack.ts')).runPackCommand,
    summary: 'write metadata packs: repositories as the browser loads them without parsing XML (.solv, search index, comps)',
  },
  render: {
    run: async () => (await import('./commands/render.ts')).runRenderCommand,
    summary: "apply a component's overlays to its spec and sources and write the rendered files",
  },
};

const HELP = () =>
  `usage: azl-playground <command> [options]\n\ncommands:\n${Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
    .join('\n')}\n\nRun azl-playground <command> --help for a command's options.\n`;

/** Runs the CLI with ARGS and returns the exit code. */
export async function runCli(args: string[], options: { cwd: string }): Promise<number> {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: options.cwd,
  };
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`azl-playground: unknown command '${name}'\n${HELP()}`);
    return 1;
  }
  return (await command.run())(rest, io);
}
