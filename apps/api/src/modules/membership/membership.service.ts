import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { MembershipEntity } from './membership.entity';
import type { Role } from '../../common/role.enum';

@Injectable()
export class MembershipService {
  constructor(@InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>) {}

  create(manager: EntityManager, data: { userId: string; tenantId: string; role: Role }): Promise<MembershipEntity> {
    const repo = manager.getRepository(MembershipEntity);
    return repo.save(repo.create(data));
  }

  find(userId: string, tenantId: string, manager?: EntityManager): Promise<MembershipEntity | null> {
    return (manager?.getRepository(MembershipEntity) ?? this.memberships).findOne({ where: { userId, tenantId } });
  }

  /** Every membership of a user, oldest first (the first is the default tenant at login). */
  forUser(userId: string): Promise<MembershipEntity[]> {
    return this.memberships.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
