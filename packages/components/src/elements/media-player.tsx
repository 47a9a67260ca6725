/**
 * st.audio and st.video: the browser's own player (keyboard usable, named "Audio" / "Video").
 * `startTime` is applied once the media's metadata is known; `endTime` pauses there (or jumps
 * back to `startTime` when looping), as Streamlit does.
 */
import { useRef, type SyntheticEvent } from 'react';
import type { MediaPlayerElement } from '@mini-st/protocol';
import { resolveMediaUrl } from '../media-url.js';
import '../styles/media.css';

/** Draws an `audio` or `video` element. */
export function MediaPlayer({ el }: { el: MediaPlayerElement }) {
  const started = useRef(false);
  const src = resolveMediaUrl(el.url, el.type);
  if (src === null) return <p className="st-media-blocked">This {el.type}'s URL is not allowed.</p>;
  const onLoaded = (event: SyntheticEvent<HTMLMediaElement>) => {
    if (started.current || el.startTime <= 0) return;
    started.current = true;
    event.currentTarget.currentTime = el.startTime;
  };
  const onTime = (event: SyntheticEvent<HTMLMediaElement>) => {
    const media = event.currentTarget;
    if (el.endTime === undefined || media.currentTime < el.endTime) return;
    if (el.loop) media.currentTime = el.startTime;
    else media.pause();
  };
  const common = {
    // A new source starts from its own start time again.
    key: src,
    src,
    controls: true,
    preload: 'metadata' as const,
    // With an end time, looping is done by hand so that it loops the clip, not the file.
    loop: el.loop && el.endTime === undefined,
    autoPlay: el.autoplay,
    onLoadedMetadata: onLoaded,
    onTimeUpdate: onTime,
  };
  return el.type === 'audio' ? (
    <audio className="st-audio" aria-label="Audio" {...common} />
  ) : (
    <video className="st-video" aria-label="Video" muted={el.muted} playsInline {...common} />
  );
}
