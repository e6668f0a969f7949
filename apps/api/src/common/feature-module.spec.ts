import { featureModule } from './feature-module';

class SomeModule {
  readonly kind = 'module';
}
class SomeEntity {
  id = '';
}

describe('featureModule', () => {
  it('returns a complete manifest as it is', () => {
    const manifest = { name: 'some', module: SomeModule, entities: [SomeEntity], migrations: [] };
    expect(featureModule(manifest)).toBe(manifest);
  });

  it('names what an import cycle left undefined', () => {
    const cycle = undefined as unknown as typeof SomeEntity;
    expect(() =>
      featureModule({ name: 'some', module: SomeModule, entities: [SomeEntity, cycle], migrations: [] }),
    ).toThrow('feature module "some": entities[1] undefined when its index.ts ran (an import cycle?)');
  });
});
