/** The topics user erasure publishes on the event bus. */
export enum UserErasureTopic {
  /** A user's data is being erased: every instance closes the user's open sockets. */
  UserErased = 'USER_ERASED',
}

/** Topic → [audience, payload]: this domain's part of the bus's event map. */
export type UserErasureEvents = {
  // Every instance closes the erased user's sockets: one audience, whoever the user.
  [UserErasureTopic.UserErased]: [audience: 'every-instance', event: { userId: string }];
};
