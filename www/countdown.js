// A countdown to a moment (a `retryAfter`), ticking once a second.

/** "8 s", "2 min 5 s", "1 h 3 min". */
export function duration(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${s % 3600 >= 60 ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

/**
 * Calls `onTick(secondsLeft)` now and every second until `until` (ms since
 * the epoch), then `onDone()`. Returns a function that stops it.
 */
export function countdown(until, onTick, onDone) {
  let timer = 0;
  const tick = () => {
    const left = (until - Date.now()) / 1000;
    if (left <= 0) {
      clearInterval(timer);
      onDone();
    } else {
      onTick(left);
    }
  };
  timer = setInterval(tick, 1000);
  tick();
  return () => clearInterval(timer);
}
