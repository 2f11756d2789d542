export { UserErasure } from './user-erasure';
export { UserErasureResolver } from './user-erasure.resolver';
;
export { UserErasureTopic, type UserErasureEvents } from './user-erasure-events';
