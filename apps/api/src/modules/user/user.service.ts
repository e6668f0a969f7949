import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { UserEntity } from './user.entity';

/** Users: lookups and creation. Emails are compared and stored lower-cased. */
@Injectable()
export class UserService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  static normaliseEmail(email: string): string {
    return email.trim().toLowerCase();
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return (manager?.getRepository(UserEntity) ?? this.users).findOne({ where: { id } });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<UserEntity | null> {
    return (manager?.getRepository(UserEntity) ?? this.users).findOne({
      where: { email: UserService.normaliseEmail(email) },
    });
  }

  create(manager: EntityManager, data: { email: string; name: string; passwordHash: string }): Promise<UserEntity> {
    const repo = manager.getRepository(UserEntity);
    return repo.save(
      repo.create({
        email: UserService.normaliseEmail(data.email),
        name: data.name.trim(),
        passwordHash: data.passwordHash,
        emailVerifiedAt: null,
      }),
    );
  }
}
