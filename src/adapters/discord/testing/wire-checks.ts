/**
 * @module adapters/discord/testing/wire-checks
 * What the fake Discord refuses, written independently of the adapter's own splitting code: the
 * message and autocomplete limits Discord enforces (400, code 50035) and the mention safety Briefbot
 * promises.
 */

interface WireEmbed {
  title?: string;
  description?: string;
  footer?: { text: string };
  author?: { name: string };
  fields?: { name: string; value: string }[];
}

export interface WireMessageBody {
  content?: string;
  embeds?: WireEmbed[];
  components?: { components?: { custom_id?: string }[] }[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
}

/** Problems Discord would answer with 400 Invalid Form Body; empty when the body is acceptable. */
export function formBodyProblems(body: WireMessageBody): string[] {
  const problems: string[] = [];
  if ((body.content ?? '').length > 2000) problems.push(`content: ${body.content?.length} > 2000`);
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const fields = e.fields ?? [];
    total +=
      (e.title ?? '').length +
      (e.description ?? '').length +
      (e.footer?.text ?? '').length +
      (e.author?.name ?? '').length;
    total += fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
    if ((e.title ?? '').length > 256) problems.push(`embeds.${i}.title > 256`);
    if ((e.description ?? '').length > 4096) problems.push(`embeds.${i}.description > 4096`);
    if (e.description === '') problems.push(`embeds.${i}.description empty`);
    if (fields.length > 25) problems.push(`embeds.${i}.fields: ${fields.length} > 25`);
    for (const [j, f] of fields.entries()) {
      if (f.name.length < 1 || f.name.length > 256)
        problems.push(`embeds.${i}.fields.${j}.name length ${f.name.length}`);
      if (f.value.length < 1 || f.value.length > 1024)
        problems.push(`embeds.${i}.fields.${j}.value length ${f.value.length}`);
    }
  }
  if (total > 6000) problems.push(`embeds total ${total} > 6000`);
  const rows = body.components ?? [];
  if (rows.length > 5) problems.push(`components: ${rows.length} rows > 5`);
  for (const row of rows) {
    for (const c of row.components ?? []) {
      if ((c.custom_id ?? '').length > 100) problems.push(`custom_id > 100: ${c.custom_id}`);
    }
  }
  return problems;
}

/** Why a message could ping someone; empty when `allowed_mentions` is `{ parse: [] }`. */
export function mentionProblems(body: WireMessageBody): string[] {
  const allowed = body.allowed_mentions;
  if (!allowed) return ['allowed_mentions missing'];
  const problems: string[] = [];
  if (!Array.isArray(allowed.parse) || allowed.parse.length > 0)
    problems.push(`parse=${JSON.stringify(allowed.parse)}`);
  if (allowed.users?.length) problems.push('users listed');
  if (allowed.roles?.length) problems.push('roles listed');
  if (allowed.replied_user) problems.push('replied_user pinged');
  return problems;
}

/** Why Discord would refuse an autocomplete response (400); empty when it is acceptable. */
export function choiceProblems(choices: readonly { name?: unknown; value?: unknown }[]): string[] {
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`choices: ${choices.length} > 25`);
  for (const [i, c] of choices.entries()) {
    const name = String(c.name ?? '');
    if (name.length < 1 || name.length > 100) problems.push(`choices.${i}.name length ${name.length}`);
    if (typeof c.value === 'string' && (c.value.length < 1 || c.value.length > 100))
      problems.push(`choices.${i}.value length ${c.value.length}`);
  }
  return problems;
}
