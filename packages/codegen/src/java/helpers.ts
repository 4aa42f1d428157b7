// Private helper methods the generated class includes when its code uses them.

export const HELPERS: Record<string, string> = {
  row: `/** A row value: column names and values in order; nulls allowed, unlike Map.of. */
private static Map<String, Object> row(Object... namesAndValues) {
  Map<String, Object> row = new LinkedHashMap<>();
  for (int i = 0; i < namesAndValues.length; i += 2) {
    row.put((String) namesAndValues[i], namesAndValues[i + 1]);
  }
  return row;
}`,
  items: `/** The elements a flatMap explodes; a null array explodes into nothing. */
private static List<?> items(Object array) {
  return array == null ? List.of() : (List<?>) array;
}`,
  fieldTimestamp: `/** Event time from a value field: epoch millis, or text in the given pattern (UTC). */
private static TimestampExtractor fieldTimestamp(String field, String pattern) {
  return (record, partitionTime) -> {
    Object time = ((Map<?, ?>) record.value()).get(field);
    if (time instanceof Number millis) {
      return millis.longValue();
    }
    if (time instanceof String text && pattern != null) {
      return LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern))
          .toInstant(ZoneOffset.UTC)
          .toEpochMilli();
    }
    return -1L;
  };
}`,
};

export const JSON_SERDE = `/** ksqlDB's JSON format with Jackson: objects as Map<String, Object>, scalars as themselves. */
public static final class JsonSerde<T> implements Serde<T> {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Class<T> type;

  /** Rows: the default value serde named in the properties. */
  @SuppressWarnings("unchecked")
  public JsonSerde() {
    this((Class<T>) Map.class);
  }

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> {
      try {
        return data == null ? null : MAPPER.writeValueAsBytes(data);
      } catch (IOException e) {
        throw new SerializationException(e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      try {
        return bytes == null ? null : MAPPER.readValue(bytes, type);
      } catch (IOException e) {
        throw new SerializationException(e);
      }
    };
  }
}`;
