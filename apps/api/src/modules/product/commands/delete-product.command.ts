import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ProductType } from '../dto/product.type';
import { ProductService, type Actor } from '../product.service';

export class DeleteProductCommand extends Command<ProductType> {
  constructor(
    readonly actor: Actor,
    readonly id: string,
  ) {
    super();
  }
}

@CommandHandler(DeleteProductCommand)
export class DeleteProductHandler implements ICommandHandler<DeleteProductCommand, ProductType> {
  constructor(private readonly service: ProductService) {}

  execute(command: DeleteProductCommand): Promise<ProductType> {
    return this.service.remove(command.actor, command.id);
  }
}
