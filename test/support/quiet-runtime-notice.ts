// oidc-provider prints one "Unsupported runtime" notice per process on Node 20 (it prefers 22+).
// The machines run Node 20 on purpose; dropping that one line keeps test output to what matters.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider WARNING: Unsupported runtime')) return;
  warn(...args);
};
