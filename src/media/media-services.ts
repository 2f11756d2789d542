import type { Config } from '../config';

/** What the media domain's resolvers use; the composition root (src/app) hands it in. */
export interface MediaServices {
  config: Config;
  /** Filled in once the server listens: where /media/… links point. */
  publicUrls: { mediaBase: string };
}
