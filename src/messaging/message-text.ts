type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * The text a person would read in a message: a text body, a caption, a tapped button's title, a reaction.
 * `content` is Meta's object for the type (`{ body }` for text); the whole message object (`{ text: { body } }`)
 * is accepted too, so either storage shape reads the same.
 */
export function readableText(type: string, content: Json): string | null {
  const inner = isObject(content[type]) ? (content[type] as Json) : content;
  switch (type) {
    case 'text':
      return str(inner.body);
    case 'image':
    case 'video':
    case 'document':
      return str(inner.caption);
    case 'button':
      return str(inner.text);
    case 'reaction':
      return str(inner.emoji);
    case 'interactive': {
      for (const reply of [inner.button_reply, inner.list_reply]) if (isObject(reply)) return str(reply.title);
      return isObject(inner.body) ? str(inner.body.text) : null;
    }
    // Meta adds message types over time (and sends `unsupported`): an open set, so anything else has no text.
    default:
      return null;
  }
}
