import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { UpdateProductInput } from '../dto/product.inputs';
import type { ProductType } from '../dto/product.type';
import { ProductService } from '../product.service';

export class UpdateProductCommand extends Command<ProductType> {
  constructor(
    readonly actor: Caller,
    readonly input: UpdateProductInput,
  ) {
    super();
  }
}

@CommandHandler(UpdateProductCommand)
export class UpdateProductHandler implements ICommandHandler<UpdateProductCommand, ProductType> {
  constructor(private readonly service: ProductService) {}

  execute(command: UpdateProductCommand): Promise<ProductType> {
    return this.service.update(command.actor, command.input);
  }
}
