/** The project half of a playground session, one chunk the resolver worker loads when a project is opened (see PlaygroundSession.loadProjectCode). */
export { describeProject } from './describe.ts';
export { ImageSession } from './image-session.ts';
export { ProjectLoader } from './load.ts';
