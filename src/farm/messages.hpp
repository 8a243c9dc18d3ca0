#pragma once
// Wire format of the farm's MPI messages. Private to the farm layer.
//
// Every message is a plain byte string; the receiver sizes its buffer with
// MPI_Probe/MPI_Get_count. Integers and doubles are written little-endian
// byte by byte, so decoding never reads an unaligned or foreign-endian word.
//
//   TASK   (rank 0 -> worker): u64 id | u64 n | n payload bytes
//   RESULT (worker -> rank 0): u64 id | u8 ok | f64 seconds | u64 n | n bytes
//   READY  (worker -> rank 0): empty; the worker's first request
//   STOP   (rank 0 -> worker): empty; no tasks remain, the worker returns
//   ABANDON (rank 0 -> worker): empty; give up the running task (grace over)
#include <cstdint>
#include <string>
#include <string_view>

#include "trendy_ilamb/farm/farm.hpp"

namespace ti::farm::wire {

// Distinct tags, away from small numbers an application might pick.
enum class Tag : int { task = 7101, result = 7102, ready = 7103, stop = 7104, abandon = 7105 };

struct TaskMessage {
  std::uint64_t id = 0;
  std::string payload;
};

std::string encode_task(std::uint64_t id, std::string_view payload);
TaskMessage decode_task(std::string_view bytes);

// The worker rank is not sent: rank 0 knows it from the message's source.
std::string encode_result(const FarmResult& result);
FarmResult decode_result(std::string_view bytes, int worker);

}  // namespace ti::farm::wire
