// graphql-ws serves `graphql-ws/use/ws` through package exports, which the
// repository's `moduleResolution: node` does not read; its types are these.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
