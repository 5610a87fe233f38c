// Texts that core makes for people (a share link's problems, a parameter's validation, WebGPU's
// fallback reasons) as a code with values, so that the interface can say them in its own
// language: each code has one English template here, which core fills in for its own English
// text (the command line, the tests, the English interface), and src/ui/i18n/zhMessages.ts has
// the Chinese of the same codes (tests/unit/core-messages.test.ts checks that both tables have
// the same codes and {{placeholders}}). The formula parser's own texts are in
// src/core/expr/messages.ts (they load with the parser).

/** A registry's English text (a label): shown as `english` in English, translated elsewhere. */
export interface RegistryText {
  readonly registry: string;
  readonly english: string;
}

export type MessageValue = string | number | RegistryText | Message;

/** One text for people: its code, its English template and the values of its {{placeholders}}. */
export interface Message {
  readonly code: string;
  readonly template: string;
  readonly values: Readonly<Record<string, MessageValue>>;
}

/** A registry text as a message value; `english` is what the English text shows (an id, say). */
export const registryText = (label: string, english = label): RegistryText => ({
  registry: label,
  english,
});

/** A maker of messages from one table of English templates. */
export function messageTable<T extends Readonly<Record<string, string>>>(table: T) {
  return (
    code: keyof T & string,
    values: Readonly<Record<string, MessageValue>> = {},
  ): Message => ({
    code,
    template: table[code]!,
    values,
  });
}

/** `template` with each {{name}} replaced by its value as `show` writes it. */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, MessageValue>>,
  show: (value: MessageValue) => string,
): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined ? whole : show(value);
  });
}

const isMessage = (v: MessageValue): v is Message => typeof v === 'object' && 'code' in v;

/** A message in English, values that are messages in English too. */
export function englishText(message: Message): string {
  return fillTemplate(message.template, message.values, (v) =>
    typeof v !== 'object' ? String(v) : isMessage(v) ? englishText(v) : v.english,
  );
}

/** The placeholders a template names, sorted (for the tables' parity test). */
export const placeholdersOf = (template: string): string[] =>
  [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

// Valibot keeps one string per issue: a schema's message is the Message as JSON, read back by
// issueMessage (only this module's schemas write them; anything else is shown as it is).

/** A Message as a valibot issue message. */
export const asIssue = (message: Message): string => JSON.stringify(message);

/** The Message of a valibot issue message written by asIssue. */
export function issueMessage(text: string): Message {
  try {
    const m = JSON.parse(text) as unknown;
    if (
      typeof m === 'object' &&
      m !== null &&
      typeof (m as Message).code === 'string' &&
      typeof (m as Message).template === 'string' &&
      typeof (m as Message).values === 'object'
    )
      return m as Message;
  } catch {
    // not one of ours
  }
  return message('text', { text });
}

/** The English templates, by code. Field names of the link (lanes, steps, lr…) stay as typed. */
export const MESSAGES = {
  text: '{{text}}',
  // -- the share link: the whole link
  'link.tooLong':
    "the link's state is {{length}} characters long (at most {{max}}); using the defaults",
  'link.unreadable': 'the link could not be read; using the defaults',
  'link.unknownKey': 'unknown field "{{key}}" ignored',
  'link.repeated': '"{{key}}" appears {{count}} times; the first value is used',
  'link.badJson': '{{what}}: not valid JSON, ignored',
  'link.numbers': '{{what}}: expected {{count}} finite numbers, got "{{text}}"; using the default',
  'link.integer':
    '{{key}}: must be an integer in [{{lo}}, {{hi}}], got "{{text}}"; using {{using}}',
  'link.flag': '{{key}}: must be 0 or 1, got "{{text}}"',
  'link.noPreset': 'preset: no preset "{{id}}"; its text is not shown',
  'link.mode': 'mode: must be one of {{options}}, got "{{text}}"; using the map',
  'link.lang': 'lang: must be one of {{options}}, got "{{text}}"; using English',
  'link.sel': 'sel: no lane {{text}}; using the first lane',
  'link.view': 'view: needs xMin < xMax and yMin < yMax within ±{{max}}; using the default',
  'link.start': 'start: coordinates must be within ±{{max}}; using the default',
  // -- the surface
  'link.surfaceParams': 'surface parameters',
  'link.surfaceEntry': 'surface {{id}}',
  'link.spNotObject': 'surface parameters: not an object, ignored',
  'link.unknownSurface': 'unknown surface "{{name}}"; using {{using}}',
  'link.formulaMissing': 'surface=custom needs f=<your formula>',
  'link.formula': 'your surface f(x, y), at character {{at}}: {{problem}}',
  'link.formulaFallback': 'using {{using}} instead of your surface',
  'link.formulaIgnored': 'f: a formula is only read with surface=custom, ignored',
  'formula.notLoaded': 'the formula parser has not loaded yet; try again in a moment',
  // -- lanes
  'link.lanesNotList': 'lanes: not a list; using the default lanes',
  'link.lanesTooMany': 'lanes: {{count}} lanes, at most {{max}}; the rest dropped',
  'link.lanesNone': 'lanes: none could be read; using the default lanes',
  'link.lane': 'lane {{lane}}',
  'link.laneEntry': 'lane {{lane}} ({{id}})',
  'link.laneNotObject': '{{what}}: not an object, dropped',
  'link.laneNoOptimizer': '{{what}}: no optimizer, dropped',
  'link.laneUnknownOptimizer': '{{what}}: unknown optimizer "{{name}}", dropped',
  'link.laneUnknownSchedule': '{{what}}: unknown schedule "{{name}}", using none',
  'link.laneUnknownField': '{{what}}: unknown field "{{key}}" ignored',
  'link.laneUnknownSubfield': '{{what}} {{field}}: unknown field "{{key}}" ignored',
  'link.laneField': '{{what}}: {{problem}}',
  'link.laneName': '{{what}}: {{problem}}, using "{{using}}"',
  'link.laneColor': '{{what}}: {{problem}}, using {{using}}',
  'link.laneSwarmAndNoise': '{{what}}: a lane has a swarm or noise, not both; the swarm is ignored',
  'link.paramInvalid': '{{what}}: {{problem}}; using the default',
  'link.paramUnknown': '{{what}}: unknown parameter "{{key}}" ignored',
  'link.listTooLong': '{{key}} has more than {{max}} entries',
  'link.name': 'name must be text',
  'link.color': 'color must be #rrggbb',
  'link.clip': 'clip must be an object, ignored',
  'link.clipValue': 'clip {{key}} must be a positive number, ignored',
  'link.hidden': 'hidden must be true or false, ignored',
  'link.seed': '{{key}} must be an integer in [{{min}}, {{max}}], ignored',
  'link.swarm': 'swarm must be {kind: grid|cloud, count: 1..{{max}}, draw?: trails|dots}, ignored',
  'link.noise':
    'noise must be {sigma: {{sigmaMin}}..{{sigmaMax}}, relative?: true|false, runs: 1..{{runs}}, batch: 1..{{batch}}}, ignored',
  'link.noiseIgnored': '{{problem}}, noise ignored',
  'noise.sigma': 'noise sigma must be in [{{min}}, {{max}}]',
  'noise.runs': 'noise runs must be an integer in [1, {{max}}]',
  'noise.batch': 'noise batch must be an integer in [1, {{max}}]',
  // -- an embed's sliders
  'link.controlsNotParam':
    'controls: "{{name}}" is not a number parameter of lane 1 ({{id}}: {{keys}}); ignored',
  'link.controlsNoLane': 'controls: "{{name}}" names no parameter, there is no lane 1; ignored',
  'link.controlsTwice': 'controls: "{{name}}" is named twice; once kept',
  'link.controlsTooMany': 'controls: at most {{max}} sliders; "{{name}}" dropped',
  // -- the Train view's fields
  'train.unknownTask': 'task: unknown task "{{name}}" (known: {{known}}); using {{using}}',
  'train.act': 'act: must be one of {{options}}, got "{{text}}"; using {{using}}',
  'train.hidden':
    'hidden: a list of at most {{max}} layer sizes (whole numbers ≥ 1), got "{{text}}"; using {{using}}',
  'train.hiddenModel': 'hidden: {{field}} {{problem}}; using {{using}}',
  'train.none': 'none',
  'train.stopacc': 'stopacc: must be off or a share in (0, 1], got "{{text}}"',
  'train.patience': 'patience: must be off or an integer in [1, {{max}}], got "{{text}}"',
  // -- the explore views' fields
  'explore.axis': '{{field}}: {{problem}}, got "{{text}}"; using the default axis',
  'explore.axisForm': 'must be key,min,max,cells',
  'explore.axisKey': 'the parameter must be a name such as lr or beta1',
  'explore.axisBounds': 'min and max must be numbers within ±{{max}}',
  'explore.axisOrder': 'min must be below max',
  'explore.axisCells': 'cells must be an integer in [{{min}}, {{max}}]',
  'explore.sl': 'sl: no lane {{text}}; sweeping the first visible lane',
  'explore.sc': 'sc: must be {{options}}, got "{{text}}"; using {{using}}',
  'explore.st': 'st: the loss threshold must be a number, got "{{text}}"; using {{using}}',
  'explore.bc':
    'bc: start points per side must be an integer in [{{min}}, {{max}}], got "{{text}}"; using {{using}}',
  // -- the 3-D view's fields
  'orbit.camCount': 'cam: needs yaw,pitch,distance (three numbers), got "{{text}}"',
  'orbit.camFinite': 'cam: yaw, pitch and distance must be finite numbers, got "{{text}}"',
  'orbit.camRange':
    'cam: pitch must be in [{{pitchMin}}, {{pitchMax}}] degrees and distance in [{{distanceMin}}, {{distanceMax}}], got "{{text}}"; using the default camera',
  // -- a parameter's value (sliders, number fields, the link, the command line)
  'param.finite': '{{key}} must be a finite number',
  'param.integer': '{{key}} must be an integer',
  'param.range': '{{key}} must be in {{open}}{{min}}, {{max}}], got {{value}}',
  'param.boolean': '{{key}} must be true or false',
  'param.choice': '{{key}} must be one of {{options}}',
  'param.listFinite': '{{key}} must hold finite numbers',
  'param.listInteger': '{{key}} must hold integers',
  'param.listRange': '{{key}} entries must be in [{{min}}, {{max}}], got {{value}}',
  'param.list': '{{key}} must be a list of numbers',
  'param.invalid': '{{key}} is not valid',
  // -- why there is no WebGPU device
  'gpu.noWebGpu':
    'This browser has no WebGPU (navigator.gpu is missing). Use a recent Chrome or Edge, or a browser with WebGPU enabled; the CPU path still works.',
  'gpu.insecure':
    'WebGPU needs a secure context: open the page over https, or from localhost or 127.0.0.1. The CPU path still works.',
  'gpu.adapterFailed': 'Requesting a WebGPU adapter failed: {{error}}',
  'gpu.noAdapter':
    'No WebGPU adapter is available: the GPU may be blocklisted or WebGPU disabled in this browser. The CPU path still works.',
  'gpu.deviceFailed': 'Creating a WebGPU device failed: {{error}}',
  'gpu.disposed': 'The GPU owner was disposed',
  'gpu.superseded': 'The GPU request was superseded',
  'gpu.engineFailed': 'the GPU engine failed: {{error}}',
  'gpu.engineStartFailed': 'starting the GPU engine failed: {{error}}',
} as const;

export type MessageCode = keyof typeof MESSAGES;

/** A message of the table above. */
export const message = messageTable(MESSAGES);
