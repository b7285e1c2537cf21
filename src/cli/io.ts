/** Where a CLI command writes, and where it runs; injected so commands can be tested without a process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** The signature every `azl-playground <command>` implementation has: arguments in, exit code out. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
