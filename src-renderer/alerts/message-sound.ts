// A short two-note chime for a new message, made with WebAudio: no sound file to ship.

let context: AudioContext | undefined;

/** Play the chime; silently nothing where the page may not play sound yet. */
export function playMessageSound(): void {
  const Audio = typeof AudioContext === 'undefined' ? undefined : AudioContext;
  if (!Audio) return;
  try {
    context ??= new Audio();
    const audio = context;
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
    const start = audio.currentTime + 0.01;
    // Two soft notes, E6 then A6, each fading out: noticeable, never harsh.
    [1318.5, 1760].forEach((frequency, index) => {
      const at = start + index * 0.12;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.18, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.22);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.25);
    });
  } catch {
    // No audio device, or the browser refuses: a message is still shown.
  }
}
