#include "farm/messages.hpp"

#include <bit>
#include <stdexcept>
#include <utility>

namespace ti::farm::wire {
namespace {

// Appends fixed-width fields to a byte string.
class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }

  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      u8(static_cast<std::uint8_t>(v >> (8 * i)));
    }
  }

  void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }

  void bytes(std::string_view s) {
    u64(s.size());
    out_.append(s);
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads the fields back; any truncation or trailing garbage is a protocol
// bug, reported as an exception rather than read past the buffer.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  std::uint8_t u8() {
    need(1);
    return static_cast<std::uint8_t>(in_[pos_++]);
  }

  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
      v |= std::uint64_t{u8()} << (8 * i);
    }
    return v;
  }

  double f64() { return std::bit_cast<double>(u64()); }

  std::string bytes() {
    const std::uint64_t n = u64();
    need(n);
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }

  void finish() const {
    if (pos_ != in_.size()) {
      throw std::runtime_error("farm message: trailing bytes");
    }
  }

 private:
  void need(std::uint64_t n) const {
    if (n > in_.size() - pos_) {
      throw std::runtime_error("farm message: truncated");
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string encode_task(std::uint64_t id, std::string_view payload) {
  Writer w;
  w.u64(id);
  w.bytes(payload);
  return w.take();
}

TaskMessage decode_task(std::string_view bytes) {
  Reader r(bytes);
  TaskMessage t;
  t.id = r.u64();
  t.payload = r.bytes();
  r.finish();
  return t;
}

std::string encode_result(const FarmResult& result) {
  Writer w;
  w.u64(result.id);
  w.u8(result.ok ? 1 : 0);
  w.f64(result.seconds);
  w.bytes(result.payload);
  return w.take();
}

FarmResult decode_result(std::string_view bytes, int worker) {
  Reader r(bytes);
  FarmResult res;
  res.id = r.u64();
  res.worker = worker;
  res.ok = r.u8() != 0;
  res.seconds = r.f64();
  res.payload = r.bytes();
  r.finish();
  return res;
}

}  // namespace ti::farm::wire
