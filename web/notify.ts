// The notice a person chose for a new task in their queues: none, a short tone, or the browser's
// notification (asked for when chosen). Kept in their browser, since it is about their desk.
export type NoticeChoice = 'none' | 'sound' | 'browser';

export function savedNoticeChoice(): NoticeChoice {
  const saved = localStorage.getItem('notice');
  return saved === 'sound' || saved === 'browser' ? saved : 'none';
}

export async function chooseNotice(choice: NoticeChoice): Promise<NoticeChoice> {
  if (choice === 'browser' && 'Notification' in window && Notification.permission !== 'granted') {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') choice = 'sound';
  }
  localStorage.setItem('notice', choice);
  return choice;
}

let audio: AudioContext | undefined;

/** A tone made on the spot: no sound file to fetch, so it works offline too. */
function tone() {
  audio ??= new AudioContext();
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = 880;
  gain.gain.setValueAtTime(0.2, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.4);
}

export function announce(choice: NoticeChoice, title: string, body: string) {
  if (choice === 'sound') tone();
  if (choice === 'browser' && 'Notification' in window && Notification.permission === 'granted')
    new Notification(title, { body });
}
