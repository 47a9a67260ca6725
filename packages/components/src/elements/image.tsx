/**
 * st.image: one picture, or several side by side (wrapping), each with an optional caption. The
 * accessible name of a picture is its caption, else "Image n". A URL the page refuses is drawn as
 * a short notice instead of being loaded.
 */
import type { ImageElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { resolveMediaUrl } from '../media-url.js';
import '../styles/media.css';

/** Draws an `image` element. */
export function Image({ el }: { el: ImageElement }) {
  return (
    <div className={cx('st-image-row', el.useContainerWidth && 'st-image-stretch')}>
      {el.images.map((image, i) => {
        const src = resolveMediaUrl(image.url, 'image');
        const alt = image.caption || `Image ${i + 1}`;
        return (
          <figure className="st-image" key={i} style={el.width !== undefined && !el.useContainerWidth ? { width: el.width } : undefined}>
            {src === null ? (
              <span className="st-media-blocked" role="img" aria-label={alt}>
                This image's URL is not allowed.
              </span>
            ) : (
              <img src={src} alt={alt} />
            )}
            {image.caption && <figcaption className="st-image-caption">{image.caption}</figcaption>}
          </figure>
        );
      })}
    </div>
  );
}
