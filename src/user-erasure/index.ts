export { UserErasure, type UserErasureOptions, type BeforeUserDataErasedHook, type UserErasureContext } from './user-erasure';
export { UserErasureResolver } from './user-erasure.resolver';
export { UserDataErasure } from './user-data-erasure.type';
export { UserErasureTopic, type UserErasureEvents } from './user-erasure-events';
