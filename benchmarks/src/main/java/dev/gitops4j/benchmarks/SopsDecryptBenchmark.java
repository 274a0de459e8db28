package dev.gitops4j.benchmarks;

import dev.gitops4j.secrets.age.Age;
import dev.gitops4j.secrets.age.X25519Identity;
import dev.gitops4j.secrets.sops.Sops;
import dev.gitops4j.secrets.sops.SopsEncryptOptions;
import dev.gitops4j.secrets.sops.SopsFormat;
import dev.gitops4j.secrets.sops.SopsKeys;
import dev.gitops4j.secrets.sops.internal.Codec;
import dev.gitops4j.secrets.sops.internal.SNode;
import dev.gitops4j.secrets.sops.internal.Stores;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SOPS decryption against its floor, the JDK's AES-256-GCM alone on the same number and size of
 * values (same 32-byte IVs, same AAD lengths). One operation is one file of {@code values} values;
 * values/s = ops/s x values. Three SOPS measures: the value stage (decrypt every value of a parsed
 * file with its key-path AAD and hash it into the MAC), the whole file (parse, unwrap the data key
 * with age, value stage, MAC check, render the plaintext), and Bouncy Castle's AES-GCM on the same
 * values, the alternative the JDK cipher was chosen over.
 */
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init") // JMH runs @Setup before any benchmark method
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SopsDecryptBenchmark {
  @Param({"1000"})
  int values;

  @Param({"64"})
  int valueBytes;

  byte[] file;
  SopsKeys keys;
  SNode.SMap parsed;
  byte[] dataKey;
  List<byte[][]> raw;

  @Setup
  public void setUp() throws Exception {
    X25519Identity me = X25519Identity.generate();
    keys = SopsKeys.age(List.of(me));
    SecureRandom random = new SecureRandom();
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < values; i++) {
      byte[] v = new byte[valueBytes * 3 / 4];
      random.nextBytes(v);
      yaml.append("key")
          .append(i)
          .append(": ")
          .append(Base64.getEncoder().encodeToString(v))
          .append('\n');
    }
    file =
        Sops.encrypt(
            "bench.yaml",
            yaml.toString().getBytes(StandardCharsets.UTF_8),
            SopsEncryptOptions.builder().ageRecipient(me.recipient()).build());
    Stores.Split split = Stores.split(SopsFormat.YAML, Stores.read(SopsFormat.YAML, file));
    parsed = split.document();
    Map<?, ?> age =
        (Map<?, ?>)
            ((List<?>) java.util.Objects.requireNonNull(split.metadata().get("age"))).get(0);
    String enc = (String) java.util.Objects.requireNonNull(age.get("enc"));
    dataKey = Age.decrypt(enc.getBytes(StandardCharsets.US_ASCII), List.of(me));
    raw = new ArrayList<>();
    for (int i = 0; i < values; i++) {
      byte[] iv = new byte[32];
      random.nextBytes(iv);
      byte[] aad = ("key" + i + ":").getBytes(StandardCharsets.UTF_8);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(aad);
      raw.add(new byte[][] {c.doFinal(new byte[valueBytes]), iv, aad});
    }
  }

  /** SOPS's value stage: every value decrypted with its key-path AAD and hashed into the MAC. */
  @Benchmark
  public Object sopsValueStage() throws Exception {
    return new Codec(dataKey, false).decrypt(parsed, List.of());
  }

  /** The whole SOPS decrypt of one file, as a user calls it. */
  @Benchmark
  public byte[] sopsDecryptFile() throws Exception {
    return Sops.decrypt("bench.yaml", file, keys).plaintext();
  }

  /** The floor: the JDK's AES-256-GCM on the same number and size of values, nothing else. */
  @Benchmark
  public int jdkAesGcmSameValues() throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec key = new SecretKeySpec(dataKey, "AES");
    int n = 0;
    for (byte[][] e : raw) {
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, e[1]));
      c.updateAAD(e[2]);
      n += c.doFinal(e[0]).length;
    }
    return n;
  }

  /** Bouncy Castle's AES-256-GCM on the same values. */
  @Benchmark
  public int bouncyCastleAesGcmSameValues() throws Exception {
    GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
    KeyParameter key = new KeyParameter(dataKey);
    int n = 0;
    for (byte[][] e : raw) {
      gcm.init(false, new AEADParameters(key, 128, e[1], e[2]));
      byte[] out = new byte[gcm.getOutputSize(e[0].length)];
      int len = gcm.processBytes(e[0], 0, e[0].length, out, 0);
      n += len + gcm.doFinal(out, len);
    }
    return n;
  }
}
