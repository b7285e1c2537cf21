/** ~100 realistic search queries: names typed keystroke by keystroke, whole names, provides and summary words. */

const TYPED = ['python3', 'nginx', 'gnome-shell', 'openssh-server', 'libssl3'];

const WHOLE = [
  'vim', 'postgresql', 'postgresql-15', 'rustc', 'cargo', 'golang', 'nodejs', 'npm', 'openjdk-17-jdk', 'gcc', 'g++', 'make',
  'cmake', 'git', 'curl', 'wget', 'emacs', 'htop', 'tmux', 'zsh', 'bash', 'systemd', 'docker', 'podman', 'qemu', 'libvirt',
  'apache2', 'mariadb-server', 'redis', 'texlive', 'latex', 'libreoffice', 'gimp', 'inkscape', 'vlc', 'ffmpeg', 'perl', 'ruby',
  'php', 'lua5.4', 'r-base',
];

const PROVIDES_AND_WORDS = [
  'libc.so.6', 'mail-transport-agent', 'httpd', 'x-window-manager', 'perl(', 'web server', 'xml parser', 'pdf viewer',
  'text editor', 'python3-dev', 'libgtk-3', 'fonts-noto', 'zzz-no-match',
];

/** The query list, in the order a user session would produce it. */
export const SEARCH_QUERIES: readonly string[] = [
  ...TYPED.flatMap((word) => Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1)).filter((q, i, all) => all.indexOf(q) === i)),
  ...WHOLE,
  ...PROVIDES_AND_WORDS,
];
