import { OUTBOUND_MEDIA_LIMITS, outboundMediaProblem } from './outbound-media-limits';

describe('outbound media limits', () => {
  test('accepts a JPEG image at exactly 5 MB', () => {
    expect(outboundMediaProblem('image', 'image/jpeg', 5 * 1024 * 1024)).toBeNull();
  });

  test('refuses an image one byte over 5 MB', () => {
    expect(outboundMediaProblem('image', 'image/png', 5 * 1024 * 1024 + 1)).toEqual({
      problem: 'too_large',
      maxBytes: 5 * 1024 * 1024,
    });
  });

  test('refuses WebP as an image but accepts it as a sticker', () => {
    expect(outboundMediaProblem('image', 'image/webp', 1000)).toMatchObject({ problem: 'unsupported_type' });
    expect(outboundMediaProblem('sticker', 'image/webp', 1000)).toBeNull();
  });

  test('ignores MIME parameters and case', () => {
    expect(outboundMediaProblem('audio', 'Audio/OGG; codecs=opus', 1000)).toBeNull();
  });

  test('refuses the 3gp spelling Meta does not accept', () => {
    expect(outboundMediaProblem('video', 'video/3gp', 1000)).toEqual({
      problem: 'unsupported_type',
      allowed: OUTBOUND_MEDIA_LIMITS.video.mimeTypes,
    });
  });

  test('accepts a 100 MB PDF document', () => {
    expect(outboundMediaProblem('document', 'application/pdf', 100 * 1024 * 1024)).toBeNull();
  });
});
