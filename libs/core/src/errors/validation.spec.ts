import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { MAX_INPUT_DEPTH, createValidationPipe } from './validation';

class Node {
  @IsOptional()
  @ValidateNested()
  @Type(() => Node)
  child?: Node;
}

const nested = (levels: number): Record<string, unknown> => {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) value = { child: value };
  return value;
};

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();

  it('refuses input nested deeper than MAX_INPUT_DEPTH before class-transformer walks it', async () => {
    await expect(async () => {
      await pipe.transform(nested(MAX_INPUT_DEPTH + 5), { type: 'body', metatype: Node, data: 'input' });
    }).rejects.toMatchObject({
      fields: [{ field: 'input', messages: [`nests deeper than ${MAX_INPUT_DEPTH} levels`] }],
    });
    // Within the limit it is validated and transformed as usual.
    await expect(pipe.transform(nested(3), { type: 'body', metatype: Node, data: 'input' })).resolves.toBeInstanceOf(
      Node,
    );
  });

  it('leaves alone what it does not validate (the resolve info, a custom decorator’s value), however deep', async () => {
    const info = nested(MAX_INPUT_DEPTH + 5);
    await expect(pipe.transform(info, { type: 'custom', metatype: Object, data: undefined })).resolves.toBe(info);
    await expect(pipe.transform(info, { type: 'body', metatype: Object, data: undefined })).resolves.toBe(info);
  });
});
