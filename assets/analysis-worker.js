// The analysis worker's start-up (a module worker, same origin as the
// page). The page's first message names the app's wasm-bindgen glue and
// passes the WebAssembly module it compiled already, so the worker neither
// downloads nor compiles the wasm again. The worker imports the glue, starts
// the module (the app's own start does nothing where there is no window),
// then hands over to the Rust message pump (`analysis_worker`), which says
// "ready" to the page. Nothing else runs here.
self.addEventListener(
  'message',
  async (event) => {
    const { glue, module } = event.data;
    const bindings = await import(glue);
    await bindings.default({ module_or_path: module });
    bindings.analysis_worker();
  },
  { once: true },
);
