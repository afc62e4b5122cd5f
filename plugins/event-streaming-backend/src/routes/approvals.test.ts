import { TEST_MATRIX, useRouteFixture, USERS } from '../__testUtils__/harness';

describe.each(TEST_MATRIX)(
  'approval routes on %s with %s Kafka',
  (databaseId, kind) => {
    const t = useRouteFixture(databaseId, kind);

    async function requestDeletion(topic: string, user: string = USERS.owner) {
      await t.observer.create(topic);
      const res = await t
        .api(user)
        .delete(`/clusters/dev-local/topics/${topic}`, {
          confirm: topic,
          reason: 'no consumers left',
        });
      expect(res.status).toBe(202);
      return res.body.id as string;
    }

    it('deletes the topic once an approver approves, with the full history', async () => {
      const id = await requestDeletion('team-a.approve-me');

      const pending = await t
        .api(USERS.approver)
        .get('/approvals?status=pending');
      expect(pending.status).toBe(200);
      expect(pending.body.canDecide).toBe(true);
      expect(pending.body.items.map((r: any) => r.id)).toContain(id);

      const res = await t.api(USERS.approver).post(`/approvals/${id}/approve`, {
        comment: 'fine',
      });
      expect(res.status).toBe(200);
      expect([res.body.status, res.body.error]).toEqual(['executed', null]);
      expect(res.body.decidedBy).toBe(USERS.approver);
      expect(res.body.history.map((h: any) => [h.action, h.actor])).toEqual([
        ['requested', USERS.owner],
        ['approved', USERS.approver],
        ['executing', 'system'],
        ['executed', 'system'],
      ]);
      expect(await t.observer.topicNames()).not.toContain('team-a.approve-me');

      const again = await t
        .api(USERS.approver2)
        .post(`/approvals/${id}/approve`, {});
      expect(again.status).toBe(409);
    });

    it('deletes only the topic that was reviewed: one deleted and created again under the name is kept', async () => {
      const id = await requestDeletion('team-a.reborn');
      const requested = await t.api(USERS.owner).get(`/approvals/${id}`);
      const reviewedId = requested.body.payload.topicId;
      expect(reviewedId).toMatch(/^[A-Za-z0-9_-]{22}$/);

      // The reviewed topic goes; a new one (another team's data, perhaps)
      // takes the name before anybody decides.
      await t.observer.admin.deleteTopics({ topics: ['team-a.reborn'] });
      await t.observer.create('team-a.reborn');

      const res = await t.api(USERS.approver).post(`/approvals/${id}/approve`, {
        comment: 'fine',
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('failed');
      expect(res.body.error).toMatch(
        new RegExp(`its ID is .*, not ${reviewedId}.*it was not deleted`),
      );
      expect(await t.observer.topicNames()).toContain('team-a.reborn');
    });

    it('refuses a self-approval, even by an approver', async () => {
      const id = await requestDeletion('team-a.self', USERS.approver);
      const res = await t
        .api(USERS.approver)
        .post(`/approvals/${id}/approve`, {});
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /Nobody approves or rejects their own request/,
      );
      expect(await t.observer.topicNames()).toContain('team-a.self');
      const other = await t
        .api(USERS.approver2)
        .post(`/approvals/${id}/approve`, {});
      expect([other.body.status, other.body.error]).toEqual(['executed', null]);
    });

    it('lets only approvers decide; others see only their own requests', async () => {
      const id = await requestDeletion('team-a.not-yours');
      const byOther = await t
        .api(USERS.other)
        .post(`/approvals/${id}/approve`, {});
      expect(byOther.status).toBe(403);
      const byOwner2 = await t
        .api(USERS.owner2)
        .post(`/approvals/${id}/reject`, {
          comment: 'no',
        });
      expect(byOwner2.status).toBe(403);

      const otherList = await t.api(USERS.other).get('/approvals');
      expect(otherList.body.canDecide).toBe(false);
      expect(otherList.body.items.map((r: any) => r.id)).not.toContain(id);
      const hidden = await t.api(USERS.other).get(`/approvals/${id}`);
      expect(hidden.status).toBe(404);

      const mine = await t.api(USERS.owner).get('/approvals?mine=true');
      expect(mine.body.items.map((r: any) => r.id)).toContain(id);
      expect(await t.observer.topicNames()).toContain('team-a.not-yours');
    });

    it('rejects with a required comment and leaves the topic', async () => {
      const id = await requestDeletion('team-a.keep');
      const noComment = await t
        .api(USERS.approver)
        .post(`/approvals/${id}/reject`, {});
      expect(noComment.status).toBe(400);
      const res = await t.api(USERS.approver).post(`/approvals/${id}/reject`, {
        comment: 'still consumed by billing',
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('rejected');
      expect(res.body.history.at(-1)).toMatchObject({
        action: 'rejected',
        comment: 'still consumed by billing',
      });
      expect(await t.observer.topicNames()).toContain('team-a.keep');
    });

    it('lets the requester cancel a pending request, and nobody else', async () => {
      const id = await requestDeletion('team-a.cancel-me');
      const byApprover = await t
        .api(USERS.approver)
        .post(`/approvals/${id}/cancel`);
      expect(byApprover.status).toBe(403);
      const res = await t.api(USERS.owner).post(`/approvals/${id}/cancel`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('cancelled');
      const approve = await t
        .api(USERS.approver)
        .post(`/approvals/${id}/approve`, {});
      expect(approve.status).toBe(409);
      expect(await t.observer.topicNames()).toContain('team-a.cancel-me');
    });

    it("belongs to the resource's team: a teammate lists, opens and cancels it, the topic's page finds it by subject, and another team still gets 404", async () => {
      const topic = 'team-a.shared';
      const subject = encodeURIComponent(`topic:dev-local/${topic}`);
      const id = await requestDeletion(topic, USERS.owner2);
      const teammate = t.api(USERS.owner);

      const team = await teammate.get('/approvals?team=true');
      expect(team.status).toBe(200);
      const listed = team.body.items.find((r: any) => r.id === id);
      expect(listed).toMatchObject({
        requestedBy: USERS.owner2,
        owner: 'group:default/team-a',
        subject: `topic:dev-local/${topic}`,
      });
      // Not the teammate's own request; the page of the topic finds it.
      expect(
        (await teammate.get('/approvals?mine=true')).body.items.map(
          (r: any) => r.id,
        ),
      ).not.toContain(id);
      const onPage = await teammate.get(
        `/approvals?subject=${subject}&open=true`,
      );
      expect(onPage.body.items.map((r: any) => r.id)).toEqual([id]);
      expect((await teammate.get(`/approvals/${id}`)).status).toBe(200);

      // Another team: not in any list, 404 on the link, cannot cancel.
      const other = t.api(USERS.other);
      expect(
        (await other.get(`/approvals?subject=${subject}`)).body.items,
      ).toEqual([]);
      expect(
        (await other.get('/approvals?team=true')).body.items.map(
          (r: any) => r.id,
        ),
      ).not.toContain(id);
      expect((await other.get(`/approvals/${id}`)).status).toBe(404);
      expect((await other.post(`/approvals/${id}/cancel`)).status).toBe(404);

      const cancelled = await teammate.post(`/approvals/${id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(cancelled.body.history.at(-1)).toMatchObject({
        actor: USERS.owner,
        action: 'cancelled',
        comment: `Cancelled by ${USERS.owner} for group:default/team-a`,
      });
      expect(
        (await teammate.get(`/approvals?subject=${subject}&open=true`)).body
          .items,
      ).toEqual([]);
      expect(await t.observer.topicNames()).toContain(topic);
      // A bad filter is refused, saying which.
      const bad = await teammate.get('/approvals?team=yes');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/team/);
    });

    it('executes the stored payload, whatever happens to the topic name later', async () => {
      const id = await requestDeletion('team-a.payload');
      await t.observer.create('team-a.payload-2');
      // A decision carries a comment only; any other field is refused.
      const smuggled = await t
        .api(USERS.approver)
        .post(`/approvals/${id}/approve`, {
          payload: { topic: 'team-a.payload-2' },
        });
      expect(smuggled.status).toBe(400);
      const res = await t
        .api(USERS.approver)
        .post(`/approvals/${id}/approve`, {});
      expect([res.body.status, res.body.error]).toEqual(['executed', null]);
      const names = await t.observer.topicNames();
      expect(names).not.toContain('team-a.payload');
      expect(names).toContain('team-a.payload-2');
    });

    it('answers 404 for an unknown request', async () => {
      const res = await t
        .api(USERS.approver)
        .get('/approvals/00000000-0000-0000-0000-000000000000');
      expect(res.status).toBe(404);
    });
  },
);
