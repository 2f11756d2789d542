export type { Viewer } from './viewer';
export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './token-verifier';
export { DEVELOPMENT_JWT_SECRET, signDevelopmentToken } from './development-token';
