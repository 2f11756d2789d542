export { createMediaRoute } from './media-route';
export { mediaObjectKey, mediaUserPrefix, registerMediaCopyJob } from './media-copy';
export { createMediaUploadRoute } from './media-upload-route';
export { MediaUploadResolver } from './media-upload.resolver';
export { MessageMediaResolver } from './message-media.resolver';
export type { MediaServices } from './media-services';
