package dropbridge.camel;

import dropbridge.checkpoint.CheckpointStore;
import dropbridge.checkpoint.FileRegion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A file's checkpoint as the objects under a prefix of an S3 bucket, through the drop's own S3 client. */
final class S3CheckpointStore implements CheckpointStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3CheckpointStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public void put(String name, Path file, long offset, long length) throws IOException {
        try (InputStream region = FileRegion.open(file, offset, length)) {
            s3.putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromInputStream(region, length));
        }
    }

    @Override
    public void put(String name, byte[] content) {
        s3.putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromBytes(content));
    }

    @Override
    public Optional<InputStream> get(String name) {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(prefix + name)));
        } catch (NoSuchKeyException none) {
            return Optional.empty();
        }
    }

    @Override
    public void deleteAll() {
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            for (S3Object object : page.contents()) {
                s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
            }
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
