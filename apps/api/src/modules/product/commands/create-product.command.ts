import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../common/caller';
import type { CreateProductInput } from '../dto/product.inputs';
import type { ProductType } from '../dto/product.type';
import { ProductService } from '../product.service';

export class CreateProductCommand extends Command<ProductType> {
  constructor(
    readonly actor: Caller,
    readonly input: CreateProductInput,
  ) {
    super();
  }
}

@CommandHandler(CreateProductCommand)
export class CreateProductHandler implements ICommandHandler<CreateProductCommand, ProductType> {
  constructor(private readonly service: ProductService) {}

  execute(command: CreateProductCommand): Promise<ProductType> {
    return this.service.create(command.actor, command.input);
  }
}
