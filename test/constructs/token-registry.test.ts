/**
 * Forgetting the tokens of a written stack: what was registered before the mark still
 * resolves, what came after it no longer does, and resolving it then fails loudly.
 */
import { DefaultTokenResolver, Lazy, StringConcat, TerraformStack, Testing, Token, Tokenization } from 'cdktf';
import { markTokenRegistry } from '../../constructs/token-registry';

const stack = new TerraformStack(Testing.app(), 'registry');
const resolved = (value: unknown): unknown =>
  Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });

describe('markTokenRegistry', () => {
  it('forgets the string and number tokens registered after the mark, and only those', () => {
    const before = Lazy.stringValue({ produce: () => 'kept' });
    const mark = markTokenRegistry();
    const after = Lazy.stringValue({ produce: () => 'forgotten' });
    const afterNumber = Lazy.numberValue({ produce: () => 7 });
    expect(resolved(after)).toBe('forgotten');
    expect(resolved(afterNumber)).toBe(7);

    mark.release();
    expect(resolved(before)).toBe('kept');
    expect(() => resolved(after)).toThrow(/Unrecognized Token Key/);
    expect(() => resolved(afterNumber)).toThrow(/number token/i);
    expect(Token.isUnresolved(after)).toBe(true);
  });

  it('keeps what a later mark made, when an earlier mark was released first', () => {
    const first = markTokenRegistry();
    first.release();
    const second = markTokenRegistry();
    const token = Lazy.stringValue({ produce: () => 'after both' });
    expect(resolved(token)).toBe('after both');
    second.release();
    expect(() => resolved(token)).toThrow(/Unrecognized Token Key/);
  });
});
