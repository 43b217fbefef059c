// The renaming by shape is shared with the page (`src/topology/elk-shape.ts`): the page sends a
// shape once, the server lays it out and caches it once.
export { type GraphShape, graphShape, withNames } from '../../src/topology/elk-shape';
