package dev.slipway.application.port.out;

import dev.slipway.application.fakes.FakeClock;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition.Acquired;
import dev.slipway.application.port.out.DeploymentLocks.Acquisition.HeldByOther;
import dev.slipway.domain.lock.Lock;
import dev.slipway.domain.lock.LockKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link DeploymentLocks} must do. A subclass builds empty locks that read lease times off the given
 * clock; {@link #letTimePass} is how a test lets a lease run out.
 */
public abstract class DeploymentLocksContract {

    private static final LockKey HELLO_DEV = new LockKey("hello", "dev");
    private static final LockKey HELLO_PROD = new LockKey("hello", "prod");
    private static final Duration LEASE = Duration.ofMinutes(2);

    protected final FakeClock clock = new FakeClock(Instant.parse("2026-11-24T09:00:00.123456Z"));
    private DeploymentLocks locks;

    /** Locks with nothing held, fresh for each test, whose leases are measured on {@code clock}. */
    protected abstract DeploymentLocks newLocks(Clock clock);

    /** Lets {@code duration} go by for the locks under test. */
    protected void letTimePass(Duration duration) {
        clock.advance(duration);
    }

    @BeforeEach
    void startWithNothingHeld() {
        locks = newLocks(clock);
    }

    @Test
    void takesAFreeLockAndRemembersWhoHoldsItAndWhy() {
        Instant now = clock.now();

        Acquisition answer = locks.acquire(HELLO_DEV, "process-1", "alice", "deploying 0.1.30-dev", Optional.of(LEASE), Optional.of("a1b2c3d4e5f6"));

        Lock granted = acquired(answer);
        Lock expected = new Lock(HELLO_DEV, "process-1", "alice", "deploying 0.1.30-dev", now, Optional.of(now.plus(LEASE)), Optional.of("a1b2c3d4e5f6"),
                granted.fencingToken());
        assertThat(answer).isEqualTo(new Acquired(expected, Optional.empty()));
        assertThat(granted.fencingToken()).isPositive();
        assertThat(locks.current(HELLO_DEV)).contains(expected);
    }

    @Test
    void answersWhoHoldsTheLockWhileItsLeaseRuns() {
        Lock held = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.of("a1b2c3d4e5f6")));
        letTimePass(LEASE.minusMillis(1));

        Acquisition answer = locks.acquire(HELLO_DEV, "process-2", "bob", "deploying too", Optional.of(LEASE), Optional.empty());

        assertThat(answer).isEqualTo(new HeldByOther(held));
        assertThat(locks.current(HELLO_DEV)).contains(held);
    }

    @Test
    void refusesTheSameHolderASecondTime() {
        Lock held = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.empty()));

        assertThat(locks.acquire(HELLO_DEV, "process-1", "alice", "again", Optional.of(LEASE), Optional.empty())).isEqualTo(new HeldByOther(held));
    }

    @Test
    void answersTheLockItHoldsWhenTheSameHolderAsksAgainForTheSameDeploymentAsARetryWhoseAnswerWasLostDoes() {
        Lock held = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.of("a1b2c3d4e5f6")));

        assertThat(acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.of("a1b2c3d4e5f6"))).fencingToken())
                .isEqualTo(held.fencingToken());
        assertThat(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.of("0f0f0f0f0f0f")))
                .isInstanceOf(Acquisition.HeldByOther.class);
        assertThat(locks.acquire(HELLO_DEV, "process-2", "bob", "deploying", Optional.of(LEASE), Optional.of("a1b2c3d4e5f6")))
                .isInstanceOf(Acquisition.HeldByOther.class);
    }

    @Test
    void locksOnDifferentEnvironmentsAreIndependent() {
        acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "dev", Optional.of(LEASE), Optional.empty()));

        Acquisition prod = locks.acquire(HELLO_PROD, "process-2", "bob", "prod", Optional.of(LEASE), Optional.empty());

        assertThat(prod).isInstanceOf(Acquired.class);
        assertThat(locks.current(HELLO_DEV).map(Lock::holder)).contains("process-1");
        assertThat(locks.current(HELLO_PROD).map(Lock::holder)).contains("process-2");
    }

    @Test
    void takesOverALeaseThatRanOutAndSaysWhoseItWas() {
        Lock expired = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.of("a1b2c3d4e5f6")));
        letTimePass(LEASE);
        Instant now = clock.now();

        Acquisition answer = locks.acquire(HELLO_DEV, "process-2", "bob", "redeploying", Optional.of(LEASE), Optional.empty());

        Lock taken = new Lock(HELLO_DEV, "process-2", "bob", "redeploying", now, Optional.of(now.plus(LEASE)), Optional.empty(),
                acquired(answer).fencingToken());
        assertThat(answer).isEqualTo(new Acquired(taken, Optional.of(expired)));
        assertThat(locks.current(HELLO_DEV)).contains(taken);
        assertThat(taken.fencingToken()).isGreaterThan(expired.fencingToken());
    }

    @Test
    void keepsAManualLockForeverUntilReleased() {
        Instant now = clock.now();
        Lock manual = acquired(locks.acquire(HELLO_DEV, "alice", "alice", "freeze for the demo", Optional.empty(), Optional.empty()));
        letTimePass(Duration.ofDays(400));

        Acquisition answer = locks.acquire(HELLO_DEV, "process-2", "bob", "deploying", Optional.of(LEASE), Optional.empty());

        assertThat(manual).isEqualTo(new Lock(HELLO_DEV, "alice", "alice", "freeze for the demo", now, Optional.empty(), Optional.empty(),
                manual.fencingToken()));
        assertThat(manual.isManual()).isTrue();
        assertThat(answer).isEqualTo(new HeldByOther(manual));
    }

    @Test
    void renewingExtendsTheHoldersLeaseFromNow() {
        Lock held = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.empty()));
        letTimePass(Duration.ofSeconds(90));
        Instant renewedAt = clock.now();

        assertThat(locks.renew(HELLO_DEV, "process-1", LEASE)).isTrue();
        letTimePass(Duration.ofSeconds(90));

        assertThat(locks.current(HELLO_DEV)).contains(new Lock(HELLO_DEV, "process-1", "alice", "deploying", held.acquiredAt(),
                Optional.of(renewedAt.plus(LEASE)), Optional.empty(), held.fencingToken()));
        assertThat(locks.acquire(HELLO_DEV, "process-2", "bob", "deploying", Optional.of(LEASE), Optional.empty())).isInstanceOf(HeldByOther.class);
    }

    @Test
    void refusesToRenewForAnyoneButTheHolder() {
        Lock held = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.empty()));
        letTimePass(Duration.ofSeconds(30));

        assertThat(locks.renew(HELLO_DEV, "process-2", LEASE)).isFalse();
        assertThat(locks.renew(HELLO_PROD, "process-1", LEASE)).isFalse();
        assertThat(locks.current(HELLO_DEV)).contains(held);
    }

    @Test
    void refusesToRenewALeaseThatWasTakenOver() {
        acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.empty()));
        letTimePass(LEASE.plusSeconds(1));
        acquired(locks.acquire(HELLO_DEV, "process-2", "bob", "deploying", Optional.of(LEASE), Optional.empty()));

        assertThat(locks.renew(HELLO_DEV, "process-1", LEASE)).isFalse();
        assertThat(locks.current(HELLO_DEV).map(Lock::holder)).contains("process-2");
    }

    @Test
    void refusesToRenewAManualLockIntoALease() {
        Lock manual = acquired(locks.acquire(HELLO_DEV, "alice", "alice", "freeze", Optional.empty(), Optional.empty()));

        assertThat(locks.renew(HELLO_DEV, "alice", LEASE)).isFalse();
        assertThat(locks.current(HELLO_DEV)).contains(manual);
    }

    @Test
    void releasesOnlyForTheHolder() {
        Lock held = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.empty()));

        assertThat(locks.release(HELLO_DEV, "process-2")).isFalse();
        assertThat(locks.current(HELLO_DEV)).contains(held);

        assertThat(locks.release(HELLO_DEV, "process-1")).isTrue();
        assertThat(locks.current(HELLO_DEV)).isEmpty();
        assertThat(locks.release(HELLO_DEV, "process-1")).isFalse();
    }

    @Test
    void aReleasedLockCanBeTakenAgainStraightAway() {
        acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.empty()));
        locks.release(HELLO_DEV, "process-1");

        Acquisition answer = locks.acquire(HELLO_DEV, "process-2", "bob", "deploying", Optional.of(LEASE), Optional.empty());

        assertThat(answer).isInstanceOf(Acquired.class);
        assertThat(((Acquired) answer).tookOverExpired()).isEmpty();
    }

    @Test
    void breakingALockRemovesItWhoeverHoldsItAndSaysWhatItWas() {
        Lock held = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.of("a1b2c3d4e5f6")));

        assertThat(locks.breakLock(HELLO_DEV)).contains(held);
        assertThat(locks.current(HELLO_DEV)).isEmpty();
        assertThat(locks.breakLock(HELLO_DEV)).isEmpty();
        assertThat(locks.renew(HELLO_DEV, "process-1", LEASE)).isFalse();
    }

    @Test
    void listsEveryLockIncludingLeasesThatRanOut() {
        Lock expired = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(Duration.ofSeconds(10)), Optional.empty()));
        Lock manual = acquired(locks.acquire(HELLO_PROD, "bob", "bob", "freeze", Optional.empty(), Optional.empty()));
        letTimePass(Duration.ofMinutes(5));

        assertThat(locks.all()).containsExactlyInAnyOrder(expired, manual);
        assertThat(locks.current(HELLO_DEV)).contains(expired);
        assertThat(expired.isExpiredAt(clock.now())).isTrue();
    }

    @Test
    void everyAcquisitionCarriesALargerFencingTokenThanAnyBefore() {
        long first = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.empty())).fencingToken();
        long other = acquired(locks.acquire(HELLO_PROD, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.empty())).fencingToken();
        locks.release(HELLO_DEV, "process-1");
        long again = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying again", Optional.of(LEASE), Optional.empty())).fencingToken();
        letTimePass(LEASE);
        long takenOver = acquired(locks.acquire(HELLO_DEV, "process-2", "bob", "deploying", Optional.of(LEASE), Optional.empty())).fencingToken();

        assertThat(List.of(first, other, again, takenOver)).isSorted().doesNotHaveDuplicates();
        assertThat(locks.current(HELLO_DEV).map(Lock::fencingToken)).contains(takenOver);
    }

    @Test
    void aLeaseTakenOverNoLongerCarriesTheTokenOfItsFirstHolder() {
        Lock paused = acquired(locks.acquire(HELLO_DEV, "process-1", "alice", "deploying", Optional.of(LEASE), Optional.of("a1b2c3d4e5f6")));
        assertThat(locks.current(HELLO_DEV).filter(l -> l.isLease(paused.fencingToken(), clock.now()))).isPresent();
        letTimePass(LEASE.plusSeconds(1));
        acquired(locks.acquire(HELLO_DEV, "process-2", "bob", "deploying", Optional.of(LEASE), Optional.of("b1b2c3d4e5f6")));

        assertThat(locks.current(HELLO_DEV).filter(l -> l.isLease(paused.fencingToken(), clock.now()))).isEmpty();
    }

    @Test
    void hasNoLocksAtFirst() {
        assertThat(locks.all()).isEmpty();
        assertThat(locks.current(HELLO_DEV)).isEmpty();
    }

    private static Lock acquired(Acquisition acquisition) {
        assertThat(acquisition).isInstanceOf(Acquired.class);
        return ((Acquired) acquisition).lock();
    }
}
