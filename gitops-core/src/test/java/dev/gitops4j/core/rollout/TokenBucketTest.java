package dev.gitops4j.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops4j.api.rollout.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  @Test
  void aFullBucketGivesItsBurstThenPacesAtTheRate() throws Exception {
    ManualScheduler time = new ManualScheduler();
    TokenBucket bucket = new TokenBucket(new RateLimit(100, 5), time);
    for (int i = 0; i < 5; i++) {
      bucket.acquire();
    }
    assertThat(time.sleeps).isEmpty();
    bucket.acquire();
    assertThat(time.sleeps).containsExactly(Duration.ofMillis(10));
  }

  @Test
  void reservationsAddUpSoParallelWaitersKeepTheRate() {
    ManualScheduler time = new ManualScheduler();
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 1), time);
    assertThat(bucket.reserve()).isEqualTo(Duration.ZERO);
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void idleTimeRefillsNoMoreThanTheBurst() {
    ManualScheduler time = new ManualScheduler();
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 2), time);
    time.advance(Duration.ofHours(1));
    assertThat(bucket.reserve()).isEqualTo(Duration.ZERO);
    assertThat(bucket.reserve()).isEqualTo(Duration.ZERO);
    assertThat(bucket.reserve()).isEqualTo(Duration.ofMillis(100));
  }
}
