// Run by gateway.clients.spec.ts with `java -cp postgresql.jar GatewayJdbcCheck.java PORT USER PASSWORD` (Java 17 single-file launch).
import java.sql.*;
import java.util.*;

public class GatewayJdbcCheck {
  static void check(boolean ok, String what) { if (!ok) throw new RuntimeException("FAILED: " + what); System.out.println("ok " + what); }
  public static void main(String[] a) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + a[0] + "/ledger";
    Properties p = new Properties(); p.setProperty("user", a[1]); p.setProperty("password", a[2]); p.setProperty("sslmode", "disable");
    try (Connection c = DriverManager.getConnection(url, p)) {
      DatabaseMetaData md = c.getMetaData();
      System.out.println("product " + md.getDatabaseProductName() + " " + md.getDatabaseProductVersion());
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) { while (rs.next()) schemas.add(rs.getString("TABLE_SCHEM")); }
      check(schemas.contains("public") && schemas.contains("meta"), "getSchemas " + schemas);
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) { while (rs.next()) tables.add(rs.getString("TABLE_NAME")); }
      check(tables.contains("candles_daily"), "getTables " + tables.size());
      List<String> cols = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "public", "candles_daily", "%")) { while (rs.next()) cols.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME") + ":" + rs.getInt("DATA_TYPE")); }
      check(cols.contains("symbol:text:12") && cols.contains("ts:timestamp:93"), "getColumns " + cols);
      List<String> pk = new ArrayList<>();
      try (ResultSet rs = md.getPrimaryKeys(null, "public", "candles_daily")) { while (rs.next()) pk.add(rs.getString("COLUMN_NAME")); }
      check(pk.contains("symbol") && pk.contains("ts"), "getPrimaryKeys " + pk);
      int types = 0;
      try (ResultSet rs = md.getTypeInfo()) { while (rs.next()) types++; }
      check(types > 5, "getTypeInfo " + types);
      try (PreparedStatement ps = c.prepareStatement("SELECT i, i * 1.5::DOUBLE AS d, 'r' || i AS s, DATE '2024-01-01' + i::INTEGER AS day FROM range(100) t(i) WHERE i = ?")) {
        for (int k = 0; k < 10; k++) {
          ps.setLong(1, k);
          try (ResultSet rs = ps.executeQuery()) {
            check(rs.next() && rs.getLong(1) == k && rs.getDouble(2) == k * 1.5 && rs.getString(3).equals("r" + k) && rs.getDate(4).toString().equals(String.format("2024-01-%02d", k + 1)), "prepared run " + k);
          }
        }
      }
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.setFetchSize(100);
        long n = 0, sum = 0;
        try (ResultSet rs = st.executeQuery("SELECT i FROM range(10000) t(i)")) { while (rs.next()) { n++; sum += rs.getLong(1); } }
        check(n == 10000 && sum == 49995000L, "fetchSize 100 over 10000 rows: " + n);
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.setQueryTimeout(1);
        try {
          st.executeQuery("SELECT count(*) FROM range(100000000000) a(i) WHERE i % 7 = 3");
          check(false, "query timeout");
        } catch (SQLException e) {
          check("57014".equals(e.getSQLState()), "setQueryTimeout -> " + e.getSQLState() + " " + e.getMessage());
        }
        try (ResultSet rs = st.executeQuery("SELECT 42")) { check(rs.next() && rs.getInt(1) == 42, "session usable after timeout"); }
      }
    }
    System.out.println("ALL OK");
  }
}
