/** What the "new wave" form shows after a submit that did not create a wave. */
export type NewWaveState = { status: 'idle' } | { status: 'invalid'; message: string };
