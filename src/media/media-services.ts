import type { Config } from '../config';
import type { GraphQLContext } from '../platform/graphql/context';

/** What the media domain's resolvers use; the composition root (src/app) hands it in. */
export interface MediaServices {
  config: Config;
  /** Filled in once the server listens: where /media/… links point. */
  publicUrls: { mediaBase: string };
}

/** A resolver's context in this domain. */
export type MediaContext = GraphQLContext<MediaServices>;
