// Run once in the worker's workflow context, before the SDK freezes its globals: the bundle
// preloads this module (worker/workflow-bundle.ts `PRELOADED_WORKFLOW_MODULES`), so it is not a
// workflow import. The SDK records where each pending promise was made (the stack trace the Web
// UI shows) by capturing a stack in a promise hook for every promise workflow code creates, and
// capturing V8's default of 10 frames was a quarter of the workflow thread's CPU (issue 13:
// replaying the recorded histories took 12% less CPU at 5 frames, 25% less at none). Five keep
// three frames of workflow code for each pending promise, after the hook's own two, and five for
// an error's stack: the awaited call, the rule that made it and the rule that called that.
export const WORKFLOW_STACK_FRAMES = 5;

Error.stackTraceLimit = WORKFLOW_STACK_FRAMES;
