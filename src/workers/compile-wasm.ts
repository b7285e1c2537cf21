/** Fetching and compiling the app's WebAssembly modules, in the page or in a worker. */

/** Fetches and compiles the module at URL, WHAT naming it in errors: streaming when the server sends application/wasm. */
export async function compileWasm(url: string, what: string): Promise<WebAssembly.Module> {
  const response = await fetch(url).catch((error: unknown) => {
    throw new Error(`could not load ${what} (${url}): ${error instanceof Error ? error.message : String(error)}`);
  });
  if (!response.ok) throw new Error(`could not load ${what} (${url}): HTTP ${response.status}`);
  // a server that sends another MIME type than application/wasm breaks compileStreaming
  if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}
